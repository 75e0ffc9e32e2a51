"""`glossator serve`: build, serve the output folder, rebuild on change, reload pages.

`server.py` serves only files inside the output folder and adds the reload script to
the HTML it sends (the files written stay as `glossator build` writes them);
`session.py` holds the state the open pages follow (build number, last error);
`watch.py` watches the content and template folders with watchfiles and rebuilds.
"""

from glossator.serve.server import make_server
from glossator.serve.session import Session
from glossator.serve.watch import serve_forever

__all__ = ["Session", "make_server", "serve_forever"]
