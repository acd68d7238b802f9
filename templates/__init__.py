"""The built-in .docx templates, package data ``dvtemplate.templates`` (built by tools/build_templates.py)."""
