"""The language server (``courselint lsp``): diagnostics, code actions and hover while writing.

``positions`` converts columns to the editor's units, ``checks`` runs the
engine on editor buffers, ``actions`` makes the edits offered besides the
findings' fixes, ``server`` speaks the protocol (the only module importing pygls).
"""
