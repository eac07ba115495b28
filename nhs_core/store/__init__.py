"""Versioned datasets on disk: atomic replace, history, restore, previews of a change, upload templates.

``Store`` (``versions``) keeps every version as Parquet with a manifest; ``files`` writes and verifies one
version's files; ``changes`` holds the replacement rule and the preview; ``describe`` says uploads, versions
and limits in words (the Data page and the command line share it); ``templates`` gives upload templates.
"""

from nhs_core.store.files import StoreError
from nhs_core.store.versions import BUNDLED_DIR, DEFAULT_DIR, ENV_VAR, SAMPLE, Opened, Store

__all__ = ["BUNDLED_DIR", "DEFAULT_DIR", "ENV_VAR", "SAMPLE", "Opened", "Store", "StoreError"]
