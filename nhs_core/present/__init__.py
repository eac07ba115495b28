"""What the pages and the briefing show, computed from analysis results: charts, headlines, KPIs, findings,
notes, images and safe exports (pure: no Streamlit)."""
