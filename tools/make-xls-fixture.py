#!/usr/bin/python3
"""Writes data-samples/fixtures/incopat.xls: a real BIFF8 (Excel 97-2003) file in incoPat's older header generation.

incoPat still offers .xls downloads; no .NET library we may use writes BIFF, so this fixture is made with Debian's python3-xlwt
(apt-get install python3-xlwt) from the canonical sample records. Dates are written as Excel date cells (serial numbers with a
date format), as real exports carry them. Run from the repository root:  /usr/bin/python3 tools/make-xls-fixture.py
Deterministic: same input, same bytes (xlwt writes no timestamps).
"""
import json
import datetime
import xlwt

SRC = "data-samples/fixtures/patents-sample.jsonl"
OUT = "data-samples/fixtures/incopat.xls"

HEADERS = ["标题", "摘要", "公开(公告)号", "申请号", "申请日", "公开(公告)日", "申请人", "申请人地址", "申请人国别代码",
           "IPC主分类", "IPC", "专利类型", "当前法律状态", "被引证次数", "简单同族个数", "发明人"]
KIND = {"inventionApplication": "发明申请", "inventionGrant": "发明授权", "utilityModel": "实用新型", "design": "外观设计"}


def main():
    records = [json.loads(line) for line in open(SRC, encoding="utf-8") if line.strip()]
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("专利")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for c, h in enumerate(HEADERS):
        sheet.write(0, c, h)
    for r, rec in enumerate(records, start=1):
        def date(v):
            return datetime.datetime.strptime(v, "%Y-%m-%d") if v else None
        values = [rec.get("title"), rec.get("abstract"), rec["publicationNumber"], rec.get("applicationNumber"),
                  date(rec.get("filingDate")), date(rec.get("publicationDate")), ";".join(rec.get("applicants", [])),
                  rec.get("applicantAddress"), rec.get("applicantCountry"), rec.get("mainIpc"), ";".join(rec.get("ipc", [])),
                  KIND.get(rec.get("kind")), rec.get("legalStatusRaw"), rec.get("forwardCitations"), rec.get("familySize"),
                  ";".join(rec.get("inventors", []))]
        for c, v in enumerate(values):
            if v is None or v == "":
                continue
            if isinstance(v, datetime.datetime):
                sheet.write(r, c, v, date_style)
            else:
                sheet.write(r, c, v)
    book.save(OUT)


if __name__ == "__main__":
    main()
