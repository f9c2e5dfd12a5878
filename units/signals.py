"""Signals of the ground floor, for the floors above to listen to (they may not be imported here).

``unit_reorganised`` is sent once a reorganisation (rename, merger, split, transfer, dissolution)
has been recorded, inside the recording transaction, with ``unit_ids``: the ids of every unit it
touched, predecessors and successors alike, and ``effective``: the date it takes effect. The
awards floor re-judges the open nominations of those units.
"""

from django.dispatch import Signal

unit_reorganised = Signal()
