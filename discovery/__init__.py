"""Discovery maths that needs no database: which commitments to compare (``neighbourhoods``)."""
