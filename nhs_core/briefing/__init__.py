"""The one-file HTML briefing of a view: ``build`` computes its content, ``html`` renders it."""
