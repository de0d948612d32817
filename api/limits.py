"""Result caps and time budgets of the API: every query has both."""

from __future__ import annotations

# Time budget of one store query (search, entity, neighbourhood, collaborators, paths).
QUERY_BUDGET_SECONDS = 15.0
# Time budget of an id check or a version read before a query: one index seek, so a store
# that takes longer is stuck (a paused Neo4j); the route answers 503 instead of waiting.
ID_CHECK_BUDGET_SECONDS = 5.0
# Time budget of an analytics request; the first one on a new graph version builds the
# sparse network, which takes seconds on the whole EU data.
ANALYTICS_BUDGET_SECONDS = 120.0
# Inside that, how long sampled betweenness and Louvain may run before they stop and
# say so in the response.
ANALYTICS_COMPUTE_SECONDS = 30.0
# Time budget of an upload (reading, extraction and writing of every file).
UPLOAD_BUDGET_SECONDS = 300.0

MAX_SEARCH_RESULTS = 100
MAX_NEIGHBOURHOOD_NODES = 1000
MAX_RELATIONS = 1000
MAX_DOCUMENTS = 1000
MAX_COLLABORATORS = 1000  # the largest page; total and next give the rest
MAX_NETWORK_EDGES = 10_000
MAX_PATHS = 10
MAX_PATH_HOPS = 6
MAX_SUGGESTIONS = 100
MAX_CENTRALITY_TOP = 1000
MAX_COMMUNITIES = 200
MAX_UPLOAD_FILES = 20
MAX_QUERY_LENGTH = 200
