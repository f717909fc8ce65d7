"""Every session-state and widget key the dashboard uses, named once.

Pages and tests refer to these constants, never to string literals, so a
renamed key cannot silently break a test that drives a widget by key.
"""

from __future__ import annotations

# Sidebar filter widgets (mirrored in the URL, see dashboard.filters.QUERY_KEYS).
F_DATE_FROM = "f_date_from"
F_DATE_TO = "f_date_to"
F_ACTORS = "f_actors"
F_TYPES = "f_types"
F_SUBTYPES = "f_subtypes"
F_ADMIN1 = "f_admin1"
F_MIN_FAT = "f_min_fatalities"
F_SOURCES = "f_sources"
F_PRECISION = "f_precision"
F_TEXT = "f_text"
F_ORIGIN = "f_origin"  # "" both, "extracted", "acled"
F_MIN_REPORTS = "f_min_reports"
F_RESET = "f_reset"
FILTER_KEYS = (
    F_DATE_FROM, F_DATE_TO, F_ACTORS, F_TYPES, F_SUBTYPES, F_ADMIN1, F_MIN_FAT, F_SOURCES, F_PRECISION, F_TEXT,
    F_ORIGIN, F_MIN_REPORTS,
)

# Set from outside the sidebar (timeline selection) and applied before the
# sidebar widgets are drawn on the next run (a widget's value cannot change
# after it is drawn in the same run).
PENDING_DATES = "pending_dates"
FILTERS_INITIALISED = "filters_initialised"
QUERY_NOTES = "query_notes"
# Page settings mirrored in the URL (dashboard.views): a widget's value is dropped when its page is not
# drawn, so a copy is kept here for the URL and for the page's next visit.
PAGE_SETTINGS_KEPT = "page_settings_kept"

# Map page.
MAP_VIEW = "map_view"  # "Points" / "Density"
MAP_CHART = "map_chart"
MAP_LAST_DECK = "map_last_deck"  # the deck last shown, kept on the other pages (dashboard/mappanel.py)
MAP_DECK_FOR = "map_deck_for"  # what the Map page's last deck was built from (dashboard/mappanel.py)
MAP_TILES = "map_tiles"  # online street-map tiles under the offline map (off by default)
MAP_SPLIT_CHOICE = "map_split_choice"  # the report an editor splits off a merged event
MAP_SPLIT = "map_split"
ART_ACLED_FILE = "art_acled_file"  # an editor's ACLED export to import (Articles page)
ART_ACLED_IMPORT = "art_acled_import"
MAP_WHEEL = "map_wheel"  # the mouse wheel zooms the map instead of scrolling the page
MAP_SELECTED = "map_selected_event"
MAP_PLACE_EVENTS = "map_place_events"  # the list of a clicked place's events (its key ends with the place)

# Timeline page.
TL_FREQ = "tl_freq"
TL_STACK = "tl_stack"
TL_MEASURE = "tl_measure"  # "Events" / "Fatalities"
TL_CHART = "tl_chart"
TL_SLIDER = "tl_slider"
TL_APPLY = "tl_apply"
TL_APPLIED = "tl_applied"  # how many spans were applied: part of the chart key, so applying clears the brush

# Table page and exports.
TABLE_COLUMNS = "table_columns"
TABLE = "table"
TABLE_CORRECT = "table_correct"
TABLE_SORT = "table_sort"
TABLE_ORDER = "table_order"
TABLE_PAGE = "table_page"
EXPORT_CSV = "export_csv"
EXPORT_GEOJSON = "export_geojson"
EXPORT_XLSX = "export_xlsx"

# Upload page.
UP_PASTE = "up_paste"
UP_FILE = "up_file"
UP_EXTRACT = "up_extract"
UP_TITLE = "up_title"
UP_DATE = "up_date"
UP_SOURCE = "up_source"
UP_URL = "up_url"
UP_RESULT = "up_result"  # the ExtractionResult under review
UP_EDITOR = "up_editor"
UP_PLACE_NAME = "up_place_name"
UP_PLACE_CHOICE = "up_place_choice"
UP_PLACE_LAT = "up_place_lat"
UP_PLACE_LON = "up_place_lon"
UP_PLACE_ADMIN1 = "up_place_admin1"
UP_PLACE_SAVE = "up_place_save"
UP_PLACE_MAP = "up_place_map"  # the map an unresolved place is placed on by clicking
UP_SAVE = "up_save"
UP_MESSAGE = "up_message"
UP_ARTICLE = "up_article"  # an Article read from the input that is already stored, awaiting the editor's choice
UP_STORED = "up_stored"  # its StoredInfo
UP_MODE = "up_mode"  # "new" | "edit" (a stored review) | "re-extract" (a new extraction of a stored text)
UP_BASE = "up_base"  # (article_id, version, events) of the stored review being edited or compared
UP_OPEN_STORED = "up_open_stored"
UP_REEXTRACT = "up_reextract"
UP_REPLACE_OK = "up_replace_ok"
UP_UNDATED_OK = "up_undated_ok"
UP_CANCEL = "up_cancel"
GO_UPLOAD = "go_upload"  # set by a callback elsewhere: the next run switches to the Upload page

# Articles page.
ART_ALL = "art_all"  # list every article, not only those with an event matching the filters
ART_CHOICE = "art_choice"
ART_DELETE = "art_delete"
ART_CONFIRM = "art_confirm"
ART_EDIT = "art_edit"
ART_FROM = "art_from"  # history: compare this version ...
ART_TO = "art_to"  # ... with this one
ART_RESTORE = "art_restore"
MAP_CORRECT = "map_correct"

# Access.
PW_INPUT = "pw_input"
PW_SUBMIT = "pw_submit"
PW_OK = "pw_ok"

# Compare with ACLED page (dashboard/app_pages/compare.py).
COMPARE_BOTH_CSV = "compare_both_csv"
COMPARE_OURS_CSV = "compare_ours_csv"
COMPARE_ACLED_CSV = "compare_acled_csv"
