"""Browser pages for applicants and officers (Russian), served next to the JSON API they use."""
