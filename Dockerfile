# The API image used by docker-compose.yml (Neo4j backend).
# The explorer is served too; its network drawing needs cytoscape (explorer/assets, npm ci): without it, a list.
FROM python:3.12-slim
WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY graph graph
COPY api api
COPY loaders loaders
COPY queries queries
COPY explorer explorer
COPY cli cli
COPY samples samples
RUN pip install --no-cache-dir -c constraints.txt .
EXPOSE 8000
CMD ["ogp", "serve", "--host", "0.0.0.0", "--port", "8000"]
