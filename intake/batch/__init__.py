"""Batch reprocessing of archives: manifest → sources → runner (in-process or Celery) → journal → diff.

`intake batch SOURCE` (a folder, a ZIP of packages or an S3 prefix, with a manifest) or
`intake batch --stored` (packages already in the service database); see `intake/cli_batch.py`.
"""
