"""Excel exports: one base class, one registry, one view (``reports:export <identifier>``).

``base`` holds the list exporter and the registry (the columns and the writing are the one export
base, ``units.xlsx``); each other module the exporters of one app's list pages, registered as the
module is imported below.
"""

from . import awards, campaigns, council, notifications, plans, units  # noqa: F401 (each registers its exporters)
