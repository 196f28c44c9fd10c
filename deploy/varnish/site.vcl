#
# What differs from one installation to the next, included by default.vcl: where the site's
# server listens and which addresses may purge. Copy both files to /etc/varnish and edit this one.
#
# One `npm start` already serves from every core on one port (WEB_CONCURRENCY), so one backend is
# the usual case. Several instances on the same machine (they share one database file, so they
# must) are several backends behind a director, e.g.:
#
#   import directors;
#   backend one { .host = "127.0.0.1"; .port = "3001"; .probe = health; }
#   backend two { .host = "127.0.0.1"; .port = "3002"; .probe = health; }
#   sub vcl_init { new site = directors.round_robin(); site.add_backend(one); site.add_backend(two); }
#   sub vcl_recv { set req.backend_hint = site.backend(); }
#
# Keep Varnish on the site's machine: the server trusts X-Forwarded-For and X-Forwarded-Proto only
# from loopback (server.js, `trust proxy`), so a cache elsewhere would make every reader one
# address to the search and tip limits.

probe health {
    # /healthz: the process runs and the database is readable, which is all a reader needs
    # (/readyz also asks for a writable database, and a read-only site still serves readers).
    .url = "/healthz";
    .interval = 5s;
    .timeout = 2s;
    .window = 5;
    .threshold = 3;
    .initial = 3;
}

backend default {
    .host = "127.0.0.1";
    .port = "3000";
    .probe = health;
    # Renders of a large archive's first pages can take a while; the server's own limit is 60 s.
    .first_byte_timeout = 60s;
}

# Who may say the reader came over HTTPS (X-Forwarded-Proto): a TLS terminator on this machine
# (hitch, nginx, haproxy). From anyone else the header is replaced by `http`.
acl tls_proxies {
    "127.0.0.1";
    "::1";
}

# Who may send PURGE: the site's own processes (PURGE_URL), which run on this machine.
acl purgers {
    "127.0.0.1";
    "::1";
}
