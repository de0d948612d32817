"""The views as HTML, one module a page, built from the graph store and the analytics.

Each page function is synchronous (the routes run it in a worker thread within the API's
query budget) and reads the store only through the ``GraphStore`` protocol, so the views
work the same on the embedded store and on Neo4j. Pages render templates from
``viz/templates`` (``viz.templating``).
"""

from innograph.viz.views import project  # noqa: F401  (registers the project section)
from innograph.viz.views import suggestions as _suggestions  # noqa: F401 - registers its section
from innograph.viz.views.entity import entity_page
from innograph.viz.views.map import MAX_MAP_CAP, MapQuery, map_page

# Importing a kind's module registers its entity page section.
from innograph.viz.views.organisation import collaborators_section
from innograph.viz.views.paths import PathQuery, paths_page
from innograph.viz.views.start import start_page

__all__ = [
    "MAX_MAP_CAP",
    "MapQuery",
    "PathQuery",
    "collaborators_section",
    "entity_page",
    "map_page",
    "paths_page",
    "start_page",
]
