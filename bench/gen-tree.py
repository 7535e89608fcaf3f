#!/usr/bin/env python3
"""Generates a realistic source tree for the secret-scanning throughput benchmark.

The tree looks like a company's checkout of many repositories: services in a dozen languages,
configuration (YAML, JSON, .env, properties, XML, Terraform, Dockerfiles), documentation, lock
files, vendored third-party JavaScript and Go code, generated code and data, minified bundles with
very long lines, source maps, and a few binaries. Secrets are sparse, as in real code: a few hundred
format-valid fakes of many kinds, next to the usual decoys (documented example keys, placeholders,
environment references, hashes, UUIDs, lock-file integrity strings, public keys).

Output is deterministic for a given --seed and --size-mb. The planted secrets are listed, as
SHA-256 hashes with file and line, in planted.jsonl beside the tree (never inside it).

    python3 bench/gen-tree.py --out bench/.data/tree --size-mb 220
"""

import argparse
import base64
import hashlib
import json
import os
import random
import shutil
import string
import zipfile
import zlib

ALNUM = string.ascii_letters + string.digits
BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
B64 = ALNUM + "+/"
HEX = "0123456789abcdef"

WORDS = (
    "user account order invoice payment customer product cart item list index count value name id path "
    "file buffer stream reader writer parser result error status message event queue job task worker "
    "context options request response handler manager service repository client server config settings "
    "cache store record entry node tree graph edge vertex channel batch chunk page offset limit total "
    "report metric sample window frame packet header body payload schema table column row query filter "
    "sort group region zone cluster pod volume mount image layer build release deploy target source "
    "address email phone city country currency amount price discount tax shipping delivery tracking "
    "session token key secret password auth login logout profile role permission policy scope tenant"
).split()
# Real code mentions tokens, keys and passwords far less often than orders and buffers.
COMMON = [w for w in WORDS if w not in ("token", "key", "secret", "password", "auth", "session")]
SENSITIVE = ["token", "key", "secret", "password", "auth", "session"]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def chars(self, n, alphabet=ALNUM):
        r = self.r
        return "".join(r.choices(alphabet, k=n))

    def word(self):
        r = self.r
        return r.choice(SENSITIVE) if r.random() < 0.015 else r.choice(COMMON)

    def ident(self, style="snake"):
        parts = [self.word() for _ in range(self.r.choice((1, 2, 2, 3)))]
        if style == "camel":
            return parts[0] + "".join(p.title() for p in parts[1:])
        if style == "pascal":
            return "".join(p.title() for p in parts)
        if style == "const":
            return "_".join(p.upper() for p in parts)
        return "_".join(parts)

    def sentence(self, lo=4, hi=14):
        words = [self.word() for _ in range(self.r.randint(lo, hi))]
        return " ".join(words).capitalize()

    def literal(self):
        r = self.r
        kind = r.random()
        if kind < 0.35:
            return '"' + self.sentence(1, 5) + '"'
        if kind < 0.55:
            return str(r.randint(0, 100000))
        if kind < 0.65:
            return '"https://' + r.choice(("api", "www", "cdn", "docs")) + ".example.com/" + self.ident() + '"'
        if kind < 0.75:
            return "'" + self.ident() + "'"
        return self.ident("camel")


# ---------------------------------------------------------------------------------------------
# Secrets (format-valid fakes) and decoys


def crc_token(g, prefix):
    body = g.chars(30, BASE62)
    crc = zlib.crc32(body.encode()) & 0xFFFFFFFF
    digits = ""
    while crc:
        crc, rem = divmod(crc, 62)
        digits = BASE62[rem] + digits
    return prefix + body + digits.rjust(6, "0")


def pem_key(g, kind):
    headers = {
        "rsa": ("RSA PRIVATE KEY", "MIIEowIBAAKCAQEA", 25),
        "ec": ("EC PRIVATE KEY", "MHcCAQEEI", 3),
        "pkcs8": ("PRIVATE KEY", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", 25),
        "openssh": ("OPENSSH PRIVATE KEY", "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ", 6),
    }
    label, prefix, lines = headers[kind]
    body = prefix + g.chars(64 * lines - len(prefix) + 20, B64)
    rows = [body[i:i + 64] for i in range(0, 64 * lines, 64)]
    return "-----BEGIN %s-----\n%s\n-----END %s-----" % (label, "\n".join(rows), label)


def jwt(g):
    def enc(obj):
        return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).decode().rstrip("=")
    header = enc({"alg": "HS256", "typ": "JWT"})
    payload = enc({"sub": str(g.r.randint(1000, 99999)), "name": g.ident(), "iat": 1700000000 + g.r.randint(0, 10**7)})
    return header + "." + payload + "." + g.chars(43, ALNUM + "-_")


SECRET_KINDS = [
    # (kind, weight, (lambda g: (line template producing text, secret)))
    ("aws-access-key-id", 5),
    ("github-pat", 5),
    ("github-oauth", 2),
    ("npm-token", 2),
    ("slack-bot-token", 3),
    ("slack-webhook", 2),
    ("stripe-secret", 3),
    ("google-api-key", 3),
    ("openai", 2),
    ("anthropic", 1),
    ("huggingface", 1),
    ("sendgrid", 2),
    ("gitlab-pat", 2),
    ("digitalocean", 1),
    ("shopify", 1),
    ("jwt", 2),
    ("private-key", 3),
    ("database-uri", 4),
    ("jdbc", 2),
    ("generic-password", 6),
    ("generic-secret", 5),
    ("azure-storage", 2),
]


def make_secret(g, kind, lang):
    """Returns (lines, secret, ...) for one planted secret in the idiom of a file type."""
    r = g.r
    q = '"'
    assign = {
        "py": "{n} = {q}{v}{q}", "js": "const {n} = {q}{v}{q};", "ts": "export const {n} = {q}{v}{q};",
        "go": "\t{n} := {q}{v}{q}", "java": "    private static final String {N} = {q}{v}{q};",
        "cs": "        private const string {P} = {q}{v}{q};", "rb": "{N} = {q}{v}{q}", "php": "${n} = {q}{v}{q};",
        "yaml": "  {n}: {q}{v}{q}", "env": "{N}={v}", "properties": "{d}={v}", "json": '  "{c}": {q}{v}{q},',
        "sh": "export {N}={q}{v}{q}", "tf": '  {n} = {q}{v}{q}',
    }.get(lang, "{n} = {q}{v}{q}")

    def line(name, value):
        return assign.format(n=name, N=name.upper(), P="".join(p.title() for p in name.split("_")),
                             c="".join([name.split("_")[0]] + [p.title() for p in name.split("_")[1:]]),
                             d=name.replace("_", "."), v=value, q=q)

    if kind == "aws-access-key-id":
        key_id = r.choice(("AKIA", "ASIA")) + g.chars(16, string.ascii_uppercase + "234567")
        secret = g.chars(40, B64)
        return [line("aws_access_key_id", key_id), line("aws_secret_access_key", secret)], key_id, secret
    if kind == "github-pat":
        v = crc_token(g, "ghp_")
        return [line("github_token", v)], v
    if kind == "github-oauth":
        v = crc_token(g, "gho_")
        return [line(g.ident() + "_oauth", v)], v
    if kind == "npm-token":
        v = crc_token(g, "npm_")
        return ["//registry.npmjs.org/:_authToken=" + v] if lang in ("env", "sh") else [line("npm_publish", v)], v
    if kind == "slack-bot-token":
        v = "xoxb-%d-%d-%s" % (r.randint(10**10, 10**11), r.randint(10**11, 10**12), g.chars(24))
        return [line("slack_bot", v)], v
    if kind == "slack-webhook":
        v = "https://hooks.slack.com/services/T%s/B%s/%s" % (
            g.chars(8, string.ascii_uppercase + string.digits), g.chars(10, string.ascii_uppercase + string.digits),
            g.chars(24))
        return [line("alerts_webhook", v)], v
    if kind == "stripe-secret":
        v = "sk_live_" + g.chars(r.choice((24, 99)))
        return [line("stripe_api", v)], v
    if kind == "google-api-key":
        v = "AIza" + g.chars(35, ALNUM + "_-")
        return [line("maps_browser", v)], v
    if kind == "openai":
        v = "sk-proj-" + g.chars(74, ALNUM + "_-") + "T3BlbkFJ" + g.chars(74, ALNUM + "_-")
        return [line("openai_api_key", v)], v
    if kind == "anthropic":
        v = "sk-ant-api03-" + g.chars(93, ALNUM + "_-") + "AA"
        return [line("anthropic_key", v)], v
    if kind == "huggingface":
        v = "hf_" + g.chars(34, string.ascii_letters)
        return [line("hf_hub", v)], v
    if kind == "sendgrid":
        v = "SG." + g.chars(22, ALNUM + "_-") + "." + g.chars(43, ALNUM + "_-")
        return [line("sendgrid_api_key", v)], v
    if kind == "gitlab-pat":
        v = "glpat-" + g.chars(20, ALNUM + "_-")
        return [line("gitlab_ci", v)], v
    if kind == "digitalocean":
        v = "dop_v1_" + g.chars(64, HEX)
        return [line("do_api", v)], v
    if kind == "shopify":
        v = "shpat_" + g.chars(32, HEX)
        return [line("shopify_admin", v)], v
    if kind == "jwt":
        v = jwt(g)
        return [line("service_bearer", v)], v
    if kind == "private-key":
        v = pem_key(g, r.choice(("rsa", "ec", "pkcs8", "openssh")))
        return v.split("\n"), v
    if kind == "database-uri":
        pw = g.chars(20, ALNUM)
        v = "%s://%s:%s@db-%d.internal:%d/%s" % (
            r.choice(("postgres", "postgresql", "mysql", "mongodb", "redis")), g.word(), pw, r.randint(1, 9),
            r.choice((5432, 3306, 27017, 6379)), g.word())
        return [line("database_url", v)], pw
    if kind == "jdbc":
        pw = g.chars(18, ALNUM) + "!"
        v = "jdbc:postgresql://db.internal:5432/%s?user=app&password=%s" % (g.word(), pw)
        return [line("datasource_url", v)], pw
    if kind == "generic-password":
        pw = g.chars(14, ALNUM) + r.choice("!#%") + g.chars(5, ALNUM)
        return [line(r.choice(("db_password", "admin_password", "smtp_password", "redis_pass")), pw)], pw
    if kind == "generic-secret":
        v = g.chars(40, ALNUM)
        return [line(r.choice(("client_secret", "webhook_secret", "signing_secret", "api_token")), v)], v
    if kind == "azure-storage":
        k = g.chars(86, B64) + "=="
        v = "DefaultEndpointsProtocol=https;AccountName=%sstore;AccountKey=%s;EndpointSuffix=core.windows.net" % (
            g.word(), k)
        return [line("storage_connection", v)], k
    raise ValueError(kind)


def make_decoy(g, lang):
    r = g.r
    name = r.choice(("password", "api_key", "secret", "token", "aws_secret_access_key", "client_secret"))
    value = r.choice((
        "${%s}" % name.upper(), "<your-%s>" % name.replace("_", "-"), "changeme", "xxxxxxxxxxxxxxxx",
        "********", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "os.environ['%s']" % name.upper(), "process.env.%s" % name.upper(), hashlib.sha256(g.chars(8).encode()).hexdigest(),
        "%08x-%04x-4%03x-a%03x-%012x" % (r.getrandbits(32), r.getrandbits(16), r.getrandbits(12), r.getrandbits(12),
                                        r.getrandbits(48)),
        "vault:secret/data/app#" + name, "{{ .Values.%s }}" % name, "ghp_" + "x" * 36, "sk_test_" + g.chars(24),
    ))
    if lang in ("env", "properties"):
        return "%s=%s" % (name.upper(), value)
    if lang == "yaml":
        return "  %s: \"%s\"" % (name, value)
    return "%s = \"%s\"" % (name, value)


# ---------------------------------------------------------------------------------------------
# Source code by language


def code_block(g, lang):
    """One function or class of plausible code, as a list of lines."""
    r = g.r
    fn = g.ident("camel" if lang in ("js", "ts", "java", "go", "kt", "swift", "cs") else "snake")
    args = ", ".join(g.ident("camel" if lang in ("js", "ts", "java", "kt") else "snake") for _ in range(r.randint(0, 3)))
    body = []
    for _ in range(r.randint(3, 22)):
        v = g.ident("camel" if lang in ("js", "ts", "java", "go", "kt", "swift", "cs") else "snake")
        roll = r.random()
        if roll < 0.3:
            body.append(("assign", v, g.literal()))
        elif roll < 0.5:
            body.append(("call", v, g.ident("camel"), g.ident()))
        elif roll < 0.6:
            body.append(("comment", g.sentence()))
        elif roll < 0.72:
            body.append(("if", v, g.literal()))
        elif roll < 0.82:
            body.append(("log", g.sentence(3, 8), v))
        else:
            body.append(("return", v))
    return render(lang, fn, args, body, g)


def render(lang, fn, args, body, g):
    out = []
    ind = {"py": "    ", "rb": "  ", "go": "\t"}.get(lang, "    ")
    if lang == "py":
        out.append("def %s(%s):" % (fn, args))
        out.append('    """%s."""' % g.sentence())
    elif lang == "rb":
        out.append("def %s(%s)" % (fn, args))
    elif lang == "go":
        out.append("func %s(%s) (%s, error) {" % (fn, ", ".join(a + " string" for a in args.split(", ") if a),
                                                  g.r.choice(("string", "int", "*" + g.ident("pascal")))))
    elif lang in ("js", "ts"):
        out.append("export %sfunction %s(%s) {" % ("async " if g.r.random() < 0.3 else "", fn, args))
    elif lang == "php":
        out.append("    public function %s(%s)" % (fn, ", ".join("$" + a for a in args.split(", ") if a)))
        out.append("    {")
    elif lang == "rs":
        out.append("pub fn %s(%s) -> Result<(), Error> {" % (fn, ", ".join(a + ": &str" for a in args.split(", ") if a)))
    elif lang in ("c", "cpp"):
        out.append("static int %s(%s)" % (fn, ", ".join("const char *" + a for a in args.split(", ") if a) or "void"))
        out.append("{")
    elif lang == "sh":
        out.append("%s() {" % fn)
    else:  # java, cs, kt, swift, scala
        out.append("    public %s %s(%s) {" % (g.r.choice(("void", "int", "String", "bool")), fn,
                                             ", ".join("String " + a for a in args.split(", ") if a)))
    for step in body:
        kind = step[0]
        if lang == "py":
            line = {
                "assign": lambda: "%s = %s" % (step[1], step[2]),
                "call": lambda: "%s = self.%s.%s(%s)" % (step[1], step[2], step[3], step[1]),
                "comment": lambda: "# %s" % step[1],
                "if": lambda: "if %s == %s:\n%s    pass" % (step[1], step[2], ind),
                "log": lambda: "logger.info(\"%s: %%s\", %s)" % (step[1], step[2]),
                "return": lambda: "return %s" % step[1],
            }[kind]()
        elif lang == "rb":
            line = {
                "assign": lambda: "%s = %s" % (step[1], step[2]),
                "call": lambda: "%s = @%s.%s(%s)" % (step[1], step[3], step[3], step[1]),
                "comment": lambda: "# %s" % step[1],
                "if": lambda: "return nil if %s == %s" % (step[1], step[2]),
                "log": lambda: "Rails.logger.info(\"%s #{%s}\")" % (step[1], step[2]),
                "return": lambda: step[1],
            }[kind]()
        elif lang == "sh":
            line = {
                "assign": lambda: "local %s=%s" % (step[1], step[2]),
                "call": lambda: "%s \"$%s\"" % (step[3], step[1]),
                "comment": lambda: "# %s" % step[1],
                "if": lambda: "[ \"$%s\" = %s ] && return 1" % (step[1], step[2]),
                "log": lambda: "echo \"%s: $%s\" >&2" % (step[1], step[2]),
                "return": lambda: "echo \"$%s\"" % step[1],
            }[kind]()
        else:
            decl = {"go": "%s := %s", "js": "const %s = %s;", "ts": "const %s = %s;", "rs": "let %s = %s;",
                    "php": "$%s = %s;", "c": "int %s = %s;", "cpp": "auto %s = %s;", "kt": "val %s = %s",
                    "swift": "let %s = %s"}.get(lang, "var %s = %s;")
            semi = "" if lang in ("go", "kt", "swift") else ";"
            line = {
                "assign": lambda: decl % (step[1], step[2]),
                "call": lambda: decl % (step[1], "%s.%s(%s)" % (step[2], step[3], step[1])),
                "comment": lambda: "// %s" % step[1],
                "if": lambda: "if (%s == %s) {\n%s%s    return%s\n%s%s}" % (
                    step[1], step[2], ind, ind, semi, ind, "" if lang == "go" else ""),
                "log": lambda: "logger.info(\"%s {}\", %s)%s" % (step[1], step[2], semi),
                "return": lambda: "return %s%s" % (step[1], semi),
            }[kind]()
        for l in line.split("\n"):
            out.append(ind + ("    " if lang in ("java", "cs", "kt", "php", "swift") else "") + l)
    if lang == "py":
        pass
    elif lang == "rb":
        out.append("end")
    elif lang in ("java", "cs", "kt", "php", "swift", "scala"):
        out.append("    }")
    else:
        out.append("}")
    out.append("")
    return out


HEADERS = {
    "py": lambda g: ["import logging", "import os", "from typing import Any, Optional", "",
                     "from %s.%s import %s" % (g.word(), g.word(), g.ident("pascal")), "",
                     "logger = logging.getLogger(__name__)", ""],
    "js": lambda g: ["'use strict';", "", "const %s = require('%s');" % (g.ident("camel"), g.word()), ""],
    "ts": lambda g: ["import { %s } from './%s';" % (g.ident("pascal"), g.word()),
                     "import type { %s } from '../%s';" % (g.ident("pascal"), g.word()), ""],
    "go": lambda g: ["package %s" % g.word(), "", "import (", '\t"context"', '\t"fmt"', '\t"net/http"', ")", ""],
    "java": lambda g: ["package com.example.%s;" % g.word(), "", "import java.util.List;",
                       "import java.util.Map;", "", "public class %s {" % g.ident("pascal"), ""],
    "cs": lambda g: ["using System;", "using System.Collections.Generic;", "",
                     "namespace Example.%s;" % g.word().title(), "", "public sealed class %s" % g.ident("pascal"), "{"],
    "kt": lambda g: ["package com.example.%s" % g.word(), "", "class %s {" % g.ident("pascal")],
    "rb": lambda g: ["# frozen_string_literal: true", "", "class %s" % g.ident("pascal")],
    "php": lambda g: ["<?php", "", "namespace App\\%s;" % g.word().title(), "", "class %s" % g.ident("pascal"), "{"],
    "rs": lambda g: ["use std::collections::HashMap;", "use crate::error::Error;", ""],
    "c": lambda g: ["#include <stdio.h>", "#include <string.h>", '#include "%s.h"' % g.word(), ""],
    "cpp": lambda g: ["#include <string>", "#include <vector>", "", "namespace %s {" % g.word(), ""],
    "swift": lambda g: ["import Foundation", "", "final class %s {" % g.ident("pascal")],
    "sh": lambda g: ["#!/usr/bin/env bash", "set -euo pipefail", ""],
}
FOOTERS = {"java": ["}"], "cs": ["}"], "kt": ["}"], "rb": ["end"], "php": ["}"], "cpp": ["}  // namespace"],
           "swift": ["}"]}
EXT = {"py": ".py", "js": ".js", "ts": ".ts", "go": ".go", "java": ".java", "cs": ".cs", "kt": ".kt", "rb": ".rb",
       "php": ".php", "rs": ".rs", "c": ".c", "cpp": ".cpp", "swift": ".swift", "sh": ".sh"}


def file_size(g):
    """Mostly 2-50 KB, a long tail up to a few hundred KB."""
    r = g.r
    x = r.random()
    if x < 0.85:
        return int(r.uniform(2, 40) * 1024)
    if x < 0.97:
        return int(r.uniform(50, 150) * 1024)
    return int(r.uniform(150, 600) * 1024)


def source_file(g, lang, size):
    lines = HEADERS[lang](g)
    n = sum(len(l) + 1 for l in lines)
    while n < size:
        block = code_block(g, lang)
        lines.extend(block)
        n += sum(len(l) + 1 for l in block)
    lines.extend(FOOTERS.get(lang, []))
    return lines


# ---------------------------------------------------------------------------------------------
# Config, docs, lock files, vendored and generated content


def yaml_file(g, size):
    lines = ["apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: %s" % g.ident().replace("_", "-"),
             "spec:", "  replicas: %d" % g.r.randint(1, 5), "  template:", "    spec:", "      containers:"]
    n = 0
    while n < size:
        c = g.ident().replace("_", "-")
        block = ["        - name: %s" % c, "          image: registry.example.com/%s:%d.%d.%d" % (
            c, g.r.randint(0, 9), g.r.randint(0, 20), g.r.randint(0, 50)), "          env:"]
        for _ in range(g.r.randint(2, 8)):
            block.append("            - name: %s" % g.ident("const"))
            if g.r.random() < 0.2:
                block += ["              valueFrom:", "                secretKeyRef:",
                          "                  name: %s" % c, "                  key: %s" % g.ident()]
            else:
                block.append("              value: \"%s\"" % g.r.choice((g.word(), str(g.r.randint(1, 9999)))))
        block += ["          resources:", "            limits:", "              cpu: %dm" % g.r.randint(100, 2000),
                  "              memory: %dMi" % g.r.randint(64, 4096)]
        lines += block
        n += sum(len(l) + 1 for l in block)
    return lines


def json_data(g, size, one_line=False):
    items = []
    n = 0
    while n < size:
        item = {g.ident("camel"): g.r.choice((g.sentence(1, 6), g.r.randint(0, 10**6), True, None))
                for _ in range(g.r.randint(3, 9))}
        item["id"] = "%08x-%04x-4%03x-8%03x-%012x" % (g.r.getrandbits(32), g.r.getrandbits(16), g.r.getrandbits(12),
                                                    g.r.getrandbits(12), g.r.getrandbits(48))
        items.append(item)
        n += 40 * len(item)
    if one_line:
        return [json.dumps(items, separators=(",", ":"))]
    return json.dumps(items, indent=2).split("\n")


def package_lock(g, size):
    lines = ["{", '  "name": "%s",' % g.word(), '  "lockfileVersion": 3,', '  "packages": {']
    n = 0
    while n < size:
        pkg = g.ident().replace("_", "-")
        ver = "%d.%d.%d" % (g.r.randint(0, 9), g.r.randint(0, 30), g.r.randint(0, 40))
        integrity = base64.b64encode(g.r.randbytes(64)).decode()
        block = ['    "node_modules/%s": {' % pkg, '      "version": "%s",' % ver,
                 '      "resolved": "https://registry.npmjs.org/%s/-/%s-%s.tgz",' % (pkg, pkg, ver),
                 '      "integrity": "sha512-%s",' % integrity, '      "license": "MIT"', "    },"]
        lines += block
        n += sum(len(l) + 1 for l in block)
    lines += ["  }", "}"]
    return lines


def go_sum(g, size):
    lines = []
    n = 0
    while n < size:
        mod = "github.com/%s/%s" % (g.word(), g.ident().replace("_", "-"))
        ver = "v%d.%d.%d" % (g.r.randint(0, 3), g.r.randint(0, 30), g.r.randint(0, 40))
        h1 = base64.b64encode(g.r.randbytes(32)).decode()
        lines += ["%s %s h1:%s" % (mod, ver, h1), "%s %s/go.mod h1:%s" % (mod, ver, base64.b64encode(g.r.randbytes(32)).decode())]
        n += 2 * (len(mod) + 60)
    return lines


def minified_js(g, size):
    parts = []
    n = 0
    while n < size:
        v = g.chars(g.r.randint(1, 3), string.ascii_letters)
        piece = g.r.choice((
            "function %s(e,t){return e&&t?e[t]:void 0}" % v,
            "var %s=%s;" % (v, g.literal()),
            "%s.prototype.%s=function(){return this.%s};" % (v, g.ident("camel"), g.ident("camel")),
            "if(!%s)throw new Error(\"%s\");" % (v, g.sentence(2, 6)),
            "%s=n(%d),%s=r(%s)," % (v, g.r.randint(0, 999), g.chars(2, string.ascii_letters), g.literal()),
        ))
        parts.append(piece)
        n += len(piece)
    return ["!function(){" + "".join(parts) + "}();"]


def source_map(g, size):
    mappings = ";".join(",".join(g.chars(g.r.randint(4, 8), B64[:64]) for _ in range(g.r.randint(5, 20)))
                        for _ in range(size // 120))
    return [json.dumps({"version": 3, "file": "bundle.min.js", "sources": ["../src/%s.ts" % g.word() for _ in range(8)],
                        "names": [g.ident("camel") for _ in range(50)], "mappings": mappings})]


def markdown(g, size):
    lines = ["# %s" % g.sentence(2, 5), ""]
    n = 0
    while n < size:
        block = ["## %s" % g.sentence(2, 5), "", g.sentence(12, 40) + ".", "", "```bash",
                 "%s --%s %s" % (g.word(), g.ident().replace("_", "-"), g.word()), "```", ""]
        lines += block
        n += sum(len(l) + 1 for l in block)
    return lines


def csv_file(g, size):
    cols = [g.ident() for _ in range(8)]
    lines = [",".join(cols)]
    n = 0
    while n < size:
        row = ",".join(g.r.choice((str(g.r.randint(0, 10**6)), g.word(), "%.2f" % g.r.uniform(0, 1000))) for _ in cols)
        lines.append(row)
        n += len(row) + 1
    return lines


def sql_dump(g, size):
    table = g.ident()
    lines = ["-- Dump of table %s" % table, "CREATE TABLE %s (id bigint PRIMARY KEY, name text, email text, "
             "password_hash text, created_at timestamptz);" % table]
    n = 0
    while n < size:
        rows = ",".join("(%d,'%s','%s@example.com','$2b$12$%s','2024-0%d-1%d')" % (
            g.r.randint(1, 10**9), g.word(), g.word(), g.chars(53, ALNUM + "./"), g.r.randint(1, 9), g.r.randint(0, 9))
            for _ in range(50))
        line = "INSERT INTO %s VALUES %s;" % (table, rows)
        lines.append(line)
        n += len(line) + 1
    return lines


def config_file(g, kind, size):
    lines = []
    n = 0
    while n < size:
        if kind == "env":
            line = "%s=%s" % (g.ident("const"), g.r.choice((g.word(), str(g.r.randint(0, 65535)), "true")))
        elif kind == "properties":
            line = "%s.%s=%s" % (g.word(), g.ident().replace("_", "."), g.r.choice((g.word(), str(g.r.randint(0, 9999)))))
        elif kind == "tf":
            line = 'resource "aws_%s" "%s" {\n  name = "%s"\n  tags = { team = "%s" }\n}\n' % (
                g.ident(), g.ident(), g.word(), g.word())
        else:  # xml
            line = '  <add key="%s" value="%s" />' % (g.ident("pascal"), g.word())
        lines.append(line)
        n += len(line) + 1
    if kind == "xml":
        lines = ['<?xml version="1.0" encoding="utf-8"?>', "<configuration>", "<appSettings>"] + lines + [
            "</appSettings>", "</configuration>"]
    return lines


# ---------------------------------------------------------------------------------------------


class Tree:
    def __init__(self, root, g):
        self.root = root
        self.g = g
        self.bytes = 0
        self.files = 0
        self.planted = []

    def write(self, rel, lines, secret_rate=0.0, decoy_rate=0.0, lang=None):
        """Writes lines, planting a secret (and decoys) at random positions with the given probabilities."""
        g = self.g
        if lang and g.r.random() < decoy_rate:
            lines.insert(g.r.randint(0, len(lines)), make_decoy(g, lang))
        if lang and g.r.random() < secret_rate:
            kind = g.r.choices([k for k, _ in SECRET_KINDS], [w for _, w in SECRET_KINDS])[0]
            secret_lines, *secrets = make_secret(g, kind, lang)
            at = g.r.randint(0, len(lines))
            lines[at:at] = secret_lines
            # An AWS key pair is two findings: the key id, and the secret key on the next line.
            for offset, secret in enumerate(secrets):
                self.planted.append({"file": rel, "line": at + 1 + offset,
                                     "kind": kind if offset == 0 else "aws-secret-access-key",
                                     "sha256": hashlib.sha256(secret.encode()).hexdigest()})
        data = ("\n".join(lines) + "\n").encode()
        self.write_bytes(rel, data)

    def write_bytes(self, rel, data):
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        self.bytes += len(data)
        self.files += 1


LANG_WEIGHTS = [("py", 14), ("js", 10), ("ts", 14), ("go", 12), ("java", 10), ("cs", 8), ("kt", 3), ("rb", 5),
                ("php", 5), ("rs", 4), ("c", 3), ("cpp", 3), ("swift", 2), ("sh", 3)]


def service(tree, name, budget):
    """One application repository: source in a main language, config, docs, tests, CI."""
    g = tree.g
    main = g.r.choices([l for l, _ in LANG_WEIGHTS], [w for _, w in LANG_WEIGHTS])[0]
    start = tree.bytes
    rate = 0.03
    tree.write("%s/README.md" % name, markdown(g, g.r.randint(2000, 12000)))
    tree.write("%s/.env.example" % name, config_file(g, "env", 800), decoy_rate=1.0, lang="env")
    tree.write("%s/deploy/deployment.yaml" % name, yaml_file(g, g.r.randint(2000, 9000)), rate, 0.3, "yaml")
    tree.write("%s/Dockerfile" % name, ["FROM debian:bookworm-slim", "WORKDIR /app", "COPY . .",
                                         "ENV APP_ENV=production", 'ENTRYPOINT ["/app/%s"]' % name])
    if g.r.random() < 0.3:
        tree.write("%s/config/application.properties" % name, config_file(g, "properties", 3000), rate * 3, 0.5,
                   "properties")
    if g.r.random() < 0.3:
        tree.write("%s/infra/main.tf" % name, config_file(g, "tf", 6000), rate, 0.3, "tf")
    i = 0
    while tree.bytes - start < budget:
        lang = main if g.r.random() < 0.85 else g.r.choice([l for l, _ in LANG_WEIGHTS])
        folder = g.r.choice(("src", "src/%s" % g.word(), "lib", "internal/%s" % g.word(), "tests", "pkg/%s" % g.word()))
        tree.write("%s/%s/%s_%d%s" % (name, folder, g.ident(), i, EXT[lang]), source_file(g, lang, file_size(g)),
                   rate, 0.02, lang)
        i += 1


def vendored(tree, budget):
    """Third-party JavaScript and Go code as checked in: packages, bundles, source maps, type declarations."""
    g = tree.g
    start = tree.bytes
    while tree.bytes - start < budget:
        pkg = g.ident().replace("_", "-")
        base = "web/vendor/%s" % pkg
        tree.write(base + "/package.json", ['{', '  "name": "%s",' % pkg, '  "version": "%d.%d.%d",' % (
            g.r.randint(0, 9), g.r.randint(0, 30), g.r.randint(0, 40)), '  "main": "dist/index.js",',
            '  "license": "MIT"', '}'])
        tree.write(base + "/README.md", markdown(g, g.r.randint(1000, 8000)))
        for j in range(g.r.randint(2, 12)):
            tree.write("%s/lib/%s_%d.js" % (base, g.ident(), j), source_file(g, "js", file_size(g)), 0.002, 0, "js")
        tree.write(base + "/index.d.ts", source_file(g, "ts", g.r.randint(1000, 20000)))
        if g.r.random() < 0.25:
            size = g.r.randint(100_000, 1_500_000)
            tree.write(base + "/dist/%s.min.js" % pkg, minified_js(g, size))
            tree.write(base + "/dist/%s.min.js.map" % pkg, source_map(g, size // 2))
    start = tree.bytes
    while tree.bytes - start < budget // 5:
        mod = "vendor/github.com/%s/%s" % (g.word(), g.ident().replace("_", "-"))
        for j in range(g.r.randint(2, 10)):
            tree.write("%s/%s_%d.go" % (mod, g.ident(), j), source_file(g, "go", file_size(g)))


def generated(tree, budget):
    """Generated code and data: fixtures, dumps, CSV, one-line JSON, protobuf stubs, lock files."""
    g = tree.g
    start = tree.bytes
    i = 0
    while tree.bytes - start < budget:
        roll = g.r.random()
        if roll < 0.2:
            tree.write("data/fixtures/%s_%d.json" % (g.ident(), i), json_data(g, g.r.randint(20_000, 2_000_000)))
        elif roll < 0.3:
            tree.write("data/export/%s_%d.json" % (g.ident(), i), json_data(g, g.r.randint(50_000, 3_000_000), True))
        elif roll < 0.45:
            tree.write("data/csv/%s_%d.csv" % (g.ident(), i), csv_file(g, g.r.randint(50_000, 4_000_000)))
        elif roll < 0.55:
            tree.write("data/sql/%s_%d.sql" % (g.ident(), i), sql_dump(g, g.r.randint(100_000, 3_000_000)))
        elif roll < 0.75:
            tree.write("gen/proto/%s_%d.pb.go" % (g.ident(), i), source_file(g, "go", g.r.randint(50_000, 800_000)))
        elif roll < 0.85:
            tree.write("web/%s/package-lock.json" % g.word() + str(i), package_lock(g, g.r.randint(50_000, 1_500_000)))
        elif roll < 0.92:
            tree.write("services/%s/go.sum" % (g.word() + str(i)), go_sum(g, g.r.randint(10_000, 200_000)))
        else:
            tree.write("config/%s_%d.xml" % (g.ident(), i), config_file(g, "xml", g.r.randint(5_000, 100_000)),
                       0.2, 0.5, "xml")
        i += 1


def binaries(tree, budget):
    """Images, fonts, shared objects and a jar: content with NUL bytes, skipped by text scanners."""
    g = tree.g
    start = tree.bytes
    i = 0
    while tree.bytes - start < budget:
        ext, magic = g.r.choice(((".png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), (".woff2", b"wOF2\x00\x01\x00\x00"),
                                 (".so", b"\x7fELF\x02\x01\x01\x00"), (".pyc", b"\xa7\r\r\n\x00\x00\x00\x00")))
        data = magic + g.r.randbytes(g.r.randint(2_000, 400_000))
        tree.write_bytes("assets/%s/%s_%d%s" % (g.word(), g.ident(), i, ext), data)
        i += 1
    jar = os.path.join(tree.root, "tools/gradle/wrapper/gradle-wrapper.jar")
    os.makedirs(os.path.dirname(jar), exist_ok=True)
    with zipfile.ZipFile(jar, "w", zipfile.ZIP_DEFLATED) as z:
        for j in range(20):
            info = zipfile.ZipInfo("org/gradle/wrapper/%s_%d.properties" % (g.ident(), j), (2020, 1, 1, 0, 0, 0))
            z.writestr(info, "\n".join(config_file(g, "properties", 3000)))
    tree.bytes += os.path.getsize(jar)
    tree.files += 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".data", "tree"))
    ap.add_argument("--size-mb", type=int, default=220)
    ap.add_argument("--seed", type=int, default=20261101)
    args = ap.parse_args()

    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    os.makedirs(args.out)
    tree = Tree(args.out, Gen(args.seed))
    total = args.size_mb * 1024 * 1024
    shares = {"services": 0.50, "vendored": 0.22, "generated": 0.25, "binaries": 0.03}

    start = tree.bytes
    n = 0
    while tree.bytes - start < total * shares["services"]:
        name = "services/%s-%s%d" % (tree.g.word(), tree.g.word(), n)
        service(tree, name, tree.g.r.randint(1, 6) * 1024 * 1024)
        n += 1
    vendored(tree, int(total * shares["vendored"]))
    generated(tree, int(total * shares["generated"]))
    binaries(tree, int(total * shares["binaries"]))

    with open(os.path.join(os.path.dirname(args.out), "planted.jsonl"), "w") as f:
        for p in tree.planted:
            f.write(json.dumps(p) + "\n")
    print("Generated %d files, %.1f MB, %d planted secrets in %s" % (
        tree.files, tree.bytes / 1e6, len(tree.planted), args.out))


if __name__ == "__main__":
    main()
