"""Discovery: how alike two commitments are (or a draft and a commitment), why, how to rank them, and which
commitments to compare with which (``neighbourhoods``).

Pure computation, no database: ``queries/`` reads the corpus and passes it in, ``loaders/similarity.py``
derives the stored ``SIMILAR_TO`` edges with it, and ``api/`` owns the in-memory index (``index.py``).
It sits below ``queries/`` beside ``graph/`` and imports no project package, so imports still go one
way: ``api → queries → (graph, discovery)``, ``loaders → (graph, queries, discovery)``.
"""
