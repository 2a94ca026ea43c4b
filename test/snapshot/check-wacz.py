"""An independent reader of a WACZ (python3's zipfile, gzip, hashlib): prints a JSON summary, exits 1 on the first fault."""
import gzip, hashlib, json, sys, zipfile, io

def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)

z = zipfile.ZipFile(sys.argv[1])
if z.testzip() is not None:
    fail("CRC error in " + z.testzip())
names = [i.filename for i in z.infolist()]
for i in z.infolist():
    if i.filename.startswith("archive/") and i.compress_type != zipfile.ZIP_STORED:
        fail(i.filename + ": a WARC must be stored, not compressed")
pkg = json.loads(z.read("datapackage.json"))
if pkg.get("wacz_version") != "1.1.1" or pkg.get("profile") != "data-package":
    fail("datapackage.json: wacz_version/profile")
listed = set()
for res in pkg["resources"]:
    data = z.read(res["path"])
    listed.add(res["path"])
    if len(data) != res["bytes"]:
        fail(res["path"] + ": bytes differ")
    if res["hash"] != "sha256:" + hashlib.sha256(data).hexdigest():
        fail(res["path"] + ": hash differs")
missing = [n for n in names if n not in listed and n not in ("datapackage.json", "datapackage-digest.json")]
if missing:
    fail("not in datapackage.json: " + ", ".join(missing))
digest = json.loads(z.read("datapackage-digest.json"))
if digest["hash"] != "sha256:" + hashlib.sha256(z.read("datapackage.json")).hexdigest():
    fail("datapackage-digest.json does not fix datapackage.json")
lines = z.read("pages/pages.jsonl").decode("utf-8").splitlines()
header = json.loads(lines[0])
if header.get("format") != "json-pages-1.0":
    fail("pages.jsonl: header")
pages = [json.loads(l) for l in lines[1:]]
for p in pages:
    if not (p.get("url") and p.get("ts") and "title" in p and "text" in p):
        fail("pages.jsonl: incomplete page " + json.dumps(p)[:200])
# Every index line: the gzip member at offset/length inside the stored WARC is one record for that URL.
warcs = {}
records = 0
for line in z.read("indexes/index.cdxj").decode("utf-8").splitlines():
    if not line.strip():
        continue
    key, ts, js = line.split(" ", 2)
    j = json.loads(js)
    name = "archive/" + j["filename"]
    if name not in warcs:
        warcs[name] = z.read(name)
    member = warcs[name][int(j["offset"]):int(j["offset"]) + int(j["length"])]
    rec = gzip.decompress(member)
    head = rec.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
    fields = dict(l.split(": ", 1) for l in head.split("\r\n")[1:] if ": " in l)
    if fields.get("WARC-Target-URI") != j["url"]:
        fail("index line for %s opens a record of %s" % (j["url"], fields.get("WARC-Target-URI")))
    if fields.get("WARC-Type") not in ("response", "revisit"):
        fail("index line for %s opens a %s record" % (j["url"], fields.get("WARC-Type")))
    records += 1
print(json.dumps({"names": names, "pages": [{"url": p["url"], "title": p["title"]} for p in pages], "records": records}))
