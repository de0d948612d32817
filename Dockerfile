# The innograph API in a container. Used by docker-compose.yml next to the official
# Neo4j image; on its own it serves the embedded store kept in the volume /data.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    INNOGRAPH_STORE=/data/store

WORKDIR /app
# The repository root is the package; install it with the pinned versions.
COPY . /app/innograph
RUN pip install -c /app/innograph/constraints.txt /app/innograph \
    && useradd --create-home --uid 10001 innograph \
    && mkdir -p /data && chown innograph /data
USER innograph
VOLUME ["/data"]
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4).status != 200)"

CMD ["innograph", "serve", "--host", "0.0.0.0", "--port", "8000"]
