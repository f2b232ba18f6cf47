"""One module per feed of `shared/contracts/feeds.md`; FEEDS maps feed names to specs."""

from ingest.feeds.agencies import AGENCIES
from ingest.feeds.assets import ASSETS
from ingest.feeds.dossiers import DOSSIERS
from ingest.feeds.procedures import PROCEDURES
from ingest.feeds.ratings import RATINGS
from ingest.feeds.staffing import STAFFING
from ingest.feeds.supplements import SUPPLEMENTS
from ingest.fields import Feed

FEEDS: dict[str, Feed] = {
    feed.name: feed
    for feed in sorted(
        (AGENCIES, PROCEDURES, DOSSIERS, SUPPLEMENTS, RATINGS, STAFFING, ASSETS),
        key=lambda f: f.order,
    )
}
