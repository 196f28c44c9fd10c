#
# Varnish in front of the claims tracker (Debian's `varnish`, 7.1 or later).
#
# The policy is the site's own: the server says what may be kept and for how long
# (Cache-Control), and names what each page shows (Surrogate-Key); this file only makes Varnish
# follow it, and never guesses:
#
# - A request with the session cookie (`__session`, an editor) and anything but GET/HEAD go
#   straight to the server: never cached, never answered from the cache.
# - Readers' requests lose their cookies (the site reads no other cookie), so one cached copy
#   serves them all.
# - A response is kept only if it says so (`s-maxage`, else `max-age`) and carries no Set-Cookie,
#   `private`, `no-store` or `no-cache`; `stale-while-revalidate` is Varnish's grace: an expired
#   copy is served while a fresh one is fetched.
# - `PURGE` with `Surrogate-Key: k1 k2` (from `purgers`, site.vcl) drops every object tagged with
#   any of those keys: the server sends one after every published change (PURGE_URL), so readers
#   see the change at once instead of after s-maxage.
#
# Where the server is and who may purge: site.vcl (edit that one). Run, e.g.:
#   varnishd -a :80 -f /etc/varnish/default.vcl -s malloc,256m
# with both files in /etc/varnish (the default vcl_path), or `-p vcl_path=DIR:...` to find
# site.vcl elsewhere (the test does: test/http/varnish.test.ts).

vcl 4.1;

import std;

include "site.vcl";

sub vcl_recv {
    # Lower-case Host, 400 without one (HTTP/1.1): Varnish's built-in rule.
    call vcl_req_host;
    # The scheme: what a TLS terminator in front says (`tls_proxies`, site.vcl), else plain HTTP,
    # whatever a client claims. The server builds absolute URLs and Secure cookies from it, so it
    # is part of the cache key (vcl_hash).
    if (!client.ip ~ tls_proxies || req.http.X-Forwarded-Proto !~ "^https?$") {
        set req.http.X-Forwarded-Proto = "http";
    }
    # X-Forwarded-For: Varnish appends the client's address itself.

    # After Host and scheme: a `PURGE /path` finds the page by the same key as the reader's request.
    if (req.method == "PURGE") {
        call purge_by_key;
    }

    # Odd methods piped, other writes passed (Varnish's built-in rules).
    call vcl_req_method;

    # An editor: everything they see is theirs (`private, no-store`), and must not be stored.
    if (req.http.Cookie ~ "(^|;)\s*__session=") {
        return (pass);
    }
    # A reader: the site reads no other cookie (app/auth/session.server.ts is its only one), so
    # analytics or consent cookies must not split the cache into one copy per reader.
    unset req.http.Cookie;
    call vcl_req_authorization;

    # The server Varies on Accept-Encoding; Varnish asks it for gzip, keeps that, and unzips it
    # for the few clients without: at most two variants, not one per browser's spelling of the
    # header (brotli, which the server also offers, cannot be unzipped here, so it is not asked).
    if (req.http.Accept-Encoding ~ "(?i)\bgzip\b") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }
    return (hash);
}

sub purge_by_key {
    if (!client.ip ~ purgers) {
        return (synth(403, "Purging is allowed from the site's own addresses only."));
    }
    if (!req.http.Surrogate-Key) {
        # A plain `PURGE /path`: that one page (all its variants).
        return (purge);
    }
    # Keys are [a-z0-9-] (app/http/cache-tags.server.ts), separated by spaces. Anything else is
    # refused rather than escaped: a key goes into a regular expression below.
    set req.http.Surrogate-Key = regsuball(req.http.Surrogate-Key, "(^[ \t,]+|[ \t,]+$)", "");
    set req.http.Surrogate-Key = regsuball(req.http.Surrogate-Key, "[ \t,]+", " ");
    if (req.http.Surrogate-Key !~ "^[a-z0-9-]+( [a-z0-9-]+)*$") {
        return (synth(400, "Surrogate-Key must be keys of a-z, 0-9 and '-', separated by spaces."));
    }
    # One ban for all the keys: any whole key of the object's list matches (`c1` never bans
    # `c12`, `claim` never `claims`). Only obj.* is tested, so the ban lurker can drop old
    # objects in the background. std.ban() takes the expression as is: no quotes around the
    # regular expression (they would be part of it) and no space in it (it would end it).
    if (!std.ban("obj.http.Surrogate-Key ~ (^|[[:blank:]])(" + regsuball(req.http.Surrogate-Key, " ", "|") + ")([[:blank:]]|$)")) {
        return (synth(400, "The ban was refused: " + std.ban_error()));
    }
    return (synth(200, "Banned: " + req.http.Surrogate-Key));
}

sub vcl_hash {
    # http and https pages name different absolute URLs (canonical links, feeds) unless SITE_URL
    # is set; keep them apart. URL and Host follow in the built-in vcl_hash.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_response {
    # A pass (an editor, a form post): passed through untouched.
    if (bereq.uncacheable) {
        return (deliver);
    }
    # The server failed while an expired copy was being refreshed: keep serving the copy (grace).
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # Kept only when the server says so: an error, or anything without Cache-Control, the site
    # did not mean to share; Set-Cookie, private, no-store and no-cache mean it must not be. Such a URL becomes
    # "hit-for-miss" for a minute: each request goes to the server (no queueing behind one
    # fetch), and the next cacheable answer replaces the marker.
    if (beresp.ttl <= 0s ||
        !beresp.http.Cache-Control ||
        beresp.http.Set-Cookie ||
        beresp.http.Cache-Control ~ "(?i)(^|[ ,])(private|no-store|no-cache)([ ,=]|$)" ||
        beresp.http.Vary == "*") {
        set beresp.ttl = 60s;
        set beresp.grace = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # beresp.ttl comes from s-maxage (else max-age), beresp.grace from stale-while-revalidate.
    # After that, keep the object an hour longer to revalidate it with its ETag (a 304 from the
    # server instead of the whole page).
    set beresp.keep = 1h;
    return (deliver);
}

sub vcl_deliver {
    # Observability: HIT (served from the cache, Age says how old), MISS (fetched and stored),
    # PASS (not cacheable: an editor, a form, a private answer).
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # The keys are for this cache, and it is the last one before readers (as Fastly and
    # Cloudflare do with theirs): stored with the object for PURGE, not sent on. They would only
    # add bytes to every answer and name entries by their internal numbers.
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
}

sub vcl_synth {
    # PURGE answers and refusals: one line of text, not Varnish's error page.
    if (req.method == "PURGE") {
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        set resp.body = resp.reason + {"
"};
        return (deliver);
    }
}
