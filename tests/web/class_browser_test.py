#!/usr/bin/python3
"""A teacher's class pages in a real browser: `essaycoach class mark` on examples/classes/10B, then
headless Chromium renders the class sheet and the slips (files, offline) to PNG and PDF with no
console errors, and the rendered DOM has the chart, the tables and the student's hostile text as
text; slips print one per page. Then the same pages from `essaycoach serve` (/classes/10B), where
the teacher overrides a mark with the form and sees it kept beside the engine's.

Usage: class_browser_test.py ESSAYCOACH_EXE [--screenshots DIR]
"""
import argparse
import base64
import os
import re
import shutil
import subprocess
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

import browser_test as bt

STEPS = []


def step(text):
    STEPS.append(text)
    print("  ok  " + text, flush=True)


def pdf_pages(data):
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("exe")
    ap.add_argument("--screenshots", default="")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="ec-class-")
    db = os.path.join(work, "class.db")
    out = os.path.join(work, "out")
    r = subprocess.run([args.exe, "class", "mark", "--prompt", "why-stalin-won", "--class", "10B",
                        os.path.join(bt.REPO, "examples/classes/10B"), "--out", out, "--db", db],
                       capture_output=True, text=True)
    assert r.returncode in (0, 3) and os.path.exists(os.path.join(out, "class-sheet.html")), r.stderr
    slips = sorted(f for f in os.listdir(os.path.join(out, "slips")) if f.endswith(".html"))
    step("class mark wrote the class sheet and %d slips" % len(slips))

    driver = None
    proc = None
    try:
        driver = bt.browser(os.path.join(work, "profile"))
        wait = WebDriverWait(driver, 15)
        errors = []

        driver.get("file://" + os.path.join(out, "class-sheet.html"))
        wait.until(EC.presence_of_element_located((By.ID, "spread")))
        assert driver.find_elements(By.CSS_SELECTOR, "#spread svg rect.bar-rect")
        rows = driver.find_elements(By.CSS_SELECTOR, "#coverage tr.coverage")
        assert len(rows) > 10, len(rows)
        first = int(rows[0].find_elements(By.TAG_NAME, "td")[2].text.split("/")[0])
        last = int(rows[-1].find_elements(By.TAG_NAME, "td")[2].text.split("/")[0])
        assert first <= last, (first, last)
        assert driver.find_elements(By.CSS_SELECTOR, "#errors table tr")
        assert "tom.txt" in driver.find_element(By.ID, "problems").text
        assert len(driver.find_elements(By.CSS_SELECTOR, "#students tr.student")) == len(slips)
        step("the class sheet renders its chart, coverage (least covered first: %d..%d), errors, problems, %d students"
             % (first, last, len(slips)))
        if args.screenshots:
            bt.full_screenshot(driver, os.path.join(args.screenshots, "class-sheet.png"))
        else:
            driver.save_screenshot(os.path.join(work, "class-sheet.png"))
        sheet_pdf = base64.b64decode(driver.print_page())
        assert sheet_pdf.startswith(b"%PDF") and pdf_pages(sheet_pdf) >= 1
        step("the class sheet prints to PDF (%d pages) and PNG" % pdf_pages(sheet_pdf))
        errors += bt.console_errors(driver)

        driver.get("file://" + os.path.join(out, "slips", "sam.html"))
        wait.until(EC.presence_of_element_located((By.ID, "answer-text")))
        shown = driver.find_element(By.ID, "answer-text").text
        assert "<script>alert(1)</script>" in shown and "<img src=x onerror=alert(1)>" in shown, shown
        assert not driver.find_elements(By.CSS_SELECTOR, "#answer-text script, #answer-text img")
        step("a slip shows the student's <script> and onerror text as text")
        errors += bt.console_errors(driver)

        driver.get("file://" + os.path.join(out, "slips.html"))
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".slip")))
        n = len(driver.find_elements(By.CSS_SELECTOR, ".slip"))
        pdf = base64.b64decode(driver.print_page())
        pages = pdf_pages(pdf)
        assert n == len(slips) and pages >= n, (n, pages)
        breaks = driver.execute_script(
            "return Array.from(document.querySelectorAll('.slip + .slip')).filter(e => "
            "getComputedStyle(e).breakBefore === 'page').length")
        assert breaks == n - 1, breaks
        step("all %d slips print, each starting a new page (%d PDF pages)" % (n, pages))
        errors += bt.console_errors(driver)

        # The same pages from the web app, with the override form.
        proc, base = bt.start_server_args([args.exe, "serve", "--port", "0", "--db", db])
        driver.get(base + "/classes/10B")
        wait.until(EC.presence_of_element_located((By.ID, "markbook")))
        driver.find_element(By.LINK_TEXT, "chloe").click()
        wait.until(EC.presence_of_element_located((By.ID, "override-form")))
        box = driver.find_element(By.NAME, "mark")
        box.clear()
        box.send_keys("5")
        driver.find_element(By.NAME, "note").send_keys("explains the post well")
        driver.find_element(By.CSS_SELECTOR, "#override-form button").click()
        wait.until(EC.presence_of_element_located((By.ID, "override")))
        assert "5/12" in driver.find_element(By.ID, "override").text
        step("on /classes/10B the teacher overrides chloe's mark; the slip shows it beside the engine's")
        if args.screenshots:
            bt.full_screenshot(driver, os.path.join(args.screenshots, "slip.png"))
        errors += bt.console_errors(driver)

        assert not errors, "JavaScript console errors: %s" % errors
        step("no JavaScript console errors")
    finally:
        if driver is not None:
            driver.quit()
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    print("%d passed, 0 failed" % len(STEPS))


if __name__ == "__main__":
    main()
