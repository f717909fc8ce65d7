"""Compare with ACLED: the filtered span's events that ACLED and our reports both have, those only one of
them has, and where the two accounts of one event disagree (``dashboard/compare.py``)."""

from __future__ import annotations

import streamlit as st

from dashboard import compare, state
from dashboard.session import context

ctx = context()
st.title("Compare with ACLED")
result = compare.compare(ctx.filtered)
st.caption("An ACLED event and one of ours are the same event by the rule that merges reports: same or "
           "adjacent day, same event type, same place (name and governorate, or within "
           f"{compare.MATCH_KM:g} km when both are placed at a town), actors not contradicting. Each event is in "
           "at most one pair. The sidebar filters apply.")

if not compare.is_acled_column(ctx.frame).any():
    st.info("No ACLED events in the store. Import an ACLED export with "
            "`python -m dashboard.import_acled FILE.csv`, then reload this page.", icon=":material/info:")
    st.stop()
if result.our_events == 0:
    st.info("No extracted events match the filters: there is nothing of ours to compare ACLED's with. "
            "Upload articles, or widen the filters.", icon=":material/info:")
if result.acled_events == 0:
    st.info("No ACLED events match the filters: widen them to compare.", icon=":material/info:")

both, ours, theirs, share = st.columns(4)
both.metric("In both", f"{result.in_both:,}")
ours.metric("Only in our reports", f"{len(result.ours_only):,}")
theirs.metric("Only in ACLED", f"{len(result.acled_only):,}")
share.metric("ACLED events we have", "–" if result.matched_share is None else f"{result.matched_share:.1%}",
             help="The share of ACLED's events (in the filtered span) that one of our events matches.")

st.subheader("Where the pairs disagree")
if result.in_both:
    st.table({"field": list(result.disagreements()),
              "pairs that disagree": [f"{n:,} of {result.in_both:,}" for n in result.disagreements().values()]})
    st.caption("The event type always agrees (the rule requires it). Fatalities: ours minus ACLED's.")
else:
    st.caption("No pairs.")

st.subheader(f"In both ({result.in_both:,})")
st.dataframe(result.pairs, hide_index=True, width="stretch")
st.download_button("CSV of the pairs", data=lambda: compare.pairs_csv(result), file_name="compare_in_both.csv",
                   mime="text/csv", key=state.COMPARE_BOTH_CSV, icon=":material/download:", on_click="ignore")

st.subheader(f"Only in our reports ({len(result.ours_only):,})")
st.dataframe(result.ours_only, hide_index=True, width="stretch")
st.download_button("CSV of our events only", data=lambda: compare.events_csv(result.ours_only),
                   file_name="compare_only_ours.csv", mime="text/csv", key=state.COMPARE_OURS_CSV,
                   icon=":material/download:", on_click="ignore")

st.subheader(f"Only in ACLED ({len(result.acled_only):,})")
st.dataframe(result.acled_only, hide_index=True, width="stretch")
st.download_button("CSV of ACLED's events only", data=lambda: compare.events_csv(result.acled_only),
                   file_name="compare_only_acled.csv", mime="text/csv", key=state.COMPARE_ACLED_CSV,
                   icon=":material/download:", on_click="ignore")
