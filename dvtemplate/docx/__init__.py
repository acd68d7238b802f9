"""The one reader of untrusted .docx files (placeholder until the lead's branch is merged)."""
