"""The studio: the Alexa developer console's Test tab, offline, in the browser.

``twitch-guide studio`` serves one page (``static/``, plain HTML, CSS and JavaScript: no build
step, nothing from a CDN) on 127.0.0.1 and opens it in the browser. The page talks to a small
Flask app (:mod:`skill.studio.server`) that drives the simulator's :class:`~skill.simulator.cli.
Simulator` around the same handler ``twitch-guide chat`` runs (:mod:`skill.studio.state`).

Development tooling, like the simulator: Lambda and the web service never import it.
"""
