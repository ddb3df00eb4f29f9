# Varnish 7 in front of the portals' gunicorn servers (issue #8 item 5).
#
#   varnishd -a :80 -f /etc/varnish/default.vcl -s malloc,1G
#
# - One cache object per Host + URL: every portal has its own hostname, and the same
#   path (/, /api/v2/pages/) is a different answer on each. PURGE and BAN go by the
#   portal (X-Portal-Host from Django), so they reach every host of that portal.
# - Django decides what may be cached: an answer is kept only when its Cache-Control
#   says so (public, s-maxage / max-age). Without Cache-Control, with Set-Cookie, or
#   marked private / no-store / no-cache it goes straight through, so the admin, previews,
#   Q&A submissions and anything personal never land here.
# - Wagtail purges on publish, unpublish, move and delete (caching.services through
#   wagtail.contrib.frontend_cache, WAGTAILFRONTENDCACHE from VARNISH_URL). A PURGE of a
#   path drops every query-string variant of it on that host (/api/v2/pages/?type=…),
#   as a ban. BAN with an X-Ban-Path regex drops many paths at once. Both only from
#   the loopback: the web servers run the purges through a Varnish on their own host,
#   or set VARNISH_URL to an address listed in acl purgers.
#
# The backend below is the default of `python manage.py runserver`; deployments and
# the tests rewrite .host and .port (caching.varnish.vcl_for_backend).

vcl 4.1;

import std;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 5s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 10s;
}

acl purgers {
    "127.0.0.1";
}

sub vcl_recv {
    # Client addresses (docs/deploy.md, security.client_ip): Django reads the entry the
    # load balancer wrote in X-Forwarded-For, to which Varnish appends the balancer's
    # address itself; a client-sent X-Real-IP is dropped so nothing downstream trusts it.
    unset req.http.X-Real-IP;
    # Host decides the portal: lower-case, without the port, so one portal is one key.
    # Rewritten only when needed: on a cache hit every statement here counts (about a
    # tenth of Varnish's CPU went to this subroutine, bench/http_bench.py).
    if (req.http.host ~ "[A-Z:]") {
        set req.http.host = std.tolower(regsub(req.http.host, ":[0-9]+$", ""));
    }

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Every variant of this path on this host: query strings and languages.
        ban("obj.http.x-portal-host == " + req.http.host
            + " && obj.http.x-portal-path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.http.x-ban-path) {
            ban("obj.http.x-portal-host == " + req.http.host
                + " && obj.http.x-portal-path ~ " + req.http.x-ban-path);
        } else {
            ban("obj.http.x-portal-host == " + req.http.host);
        }
        return (synth(200, "Banned"));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Editors' pages, drafts and anyone who authenticates are never cached.
    if (req.url ~ "^/(admin/|django-admin/|api/v2/preview/)" || req.http.authorization) {
        return (pass);
    }
    # A logged-in session, or flash messages, make the answer personal. Other cookies
    # (csrftoken, analytics) do not change a public page: drop them so it can be shared.
    if (req.http.cookie) {
        if (req.http.cookie ~ "(^|;\s*)(sessionid|messages)=") {
            return (pass);
        }
        unset req.http.cookie;
    }

    # Django serves two languages (settings.LANGUAGES); map every Accept-Language to
    # one of them so "Vary: Accept-Language" makes two variants, not hundreds.
    if (req.http.accept-language ~ "^\s*en") {
        set req.http.accept-language = "en";
    } elsif (req.http.accept-language != "vi") {
        set req.http.accept-language = "vi";
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.http.host);
    hash_data(req.url);
    return (lookup);
}

sub vcl_backend_response {
    # Remembered on the object for PURGE and BAN (bans on obj.* run in the ban lurker).
    # Django names the portal by its canonical hostname (X-Portal-Host): a purge of
    # sotuphap.bacninh.gov.vn also drops the copies kept for sotuphap.localhost or, for
    # the provincial portal, 127.0.0.1 (issue #17 item 7). The object stays keyed by
    # Host, since its links are written for the host the visitor came by.
    if (!beresp.http.x-portal-host) {
        set beresp.http.x-portal-host = bereq.http.host;
    }
    set beresp.http.x-portal-path = regsub(bereq.url, "\?.*$", "");

    # Only what Django marks cacheable: no Cache-Control means "not for a shared cache".
    if (!beresp.http.cache-control
        || beresp.http.cache-control ~ "(private|no-store|no-cache)"
        || beresp.http.set-cookie
        || beresp.http.vary == "*") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Serve a stale copy for a short while if the backend is down or slow.
    set beresp.grace = 1h;
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.x-cache = "HIT";
    } else {
        set resp.http.x-cache = "MISS";
    }
    unset resp.http.x-portal-host;
    unset resp.http.x-portal-path;
    unset resp.http.via;
    unset resp.http.x-varnish;
    return (deliver);
}
