"""Pure logic of the playbook site.

Nothing in this package imports MkDocs: the modules take and return plain
strings, mappings and dataclasses, so that the thin ``on_*`` handlers in
``hooks/*.py`` are all that a move to another generator has to rewrite.
"""
