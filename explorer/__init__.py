"""The web explorer: server-rendered pages for reformers and coalition staff, over the public GraphQL schema.

Every page runs one stored GraphQL document (``explorer/documents/``) through the API's own schema and
context, then renders a Jinja2 template (``explorer/templates/``) in the reader's language
(``explorer/locales/``). It reads nothing else: what a page shows, any API client can ask for.
"""
