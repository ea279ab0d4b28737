"""The bundled offline demo: a fictional career site and Greenhouse board served on 127.0.0.1."""
