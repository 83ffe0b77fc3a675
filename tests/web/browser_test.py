#!/usr/bin/python3
"""The student's web app in a real browser: headless Chromium (Debian's chromium + chromium-driver,
driven by python3-selenium) against `essaycoach serve` on a free loopback port with a scratch
database. It does what a student does -- open a question, type, reload mid-answer and find the draft,
self-assess, submit, read the highlighted report and the next-level path, redraft, see the
comparison, open progress and find the chart -- and checks the rendered DOM, not only the HTML sent.
Any JavaScript console error fails it.

Usage: browser_test.py ESSAYCOACH_EXE [--screenshots DIR]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STEPS = []


def step(text):
    STEPS.append(text)
    print("  ok  " + text, flush=True)


def start_server(exe, db):
    return start_server_args([exe, "serve", "--port", "0", "--db", db])


def start_server_args(argv):
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not m:
        proc.kill()
        raise SystemExit("serve did not print its address: %r %s" % (line, proc.stderr.read()))
    return proc, "http://127.0.0.1:%s" % m.group(1)


def browser(profile):
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
              "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--window-size=1100,1400", "--user-data-dir=" + profile]:
        opts.add_argument(a)
    opts.set_capability("goog:loggingOptions", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


def console_errors(driver):
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def server_draft(base, student, prompt):
    """The store's draft text, or None while there is none."""
    try:
        with urllib.request.urlopen("%s/api/students/%s/drafts/%s" % (base, student, prompt)) as r:
            return json.load(r)["text"]
    except urllib.error.HTTPError as e:
        if e.code == 404:
            return None
        raise


def full_screenshot(driver, path):
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1100, min(max(height + 40, 800), 6000))
    driver.save_screenshot(path)
    driver.set_window_size(1100, 1400)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("exe")
    ap.add_argument("--screenshots", default="")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="ec-browser-")
    proc, base = start_server(args.exe, os.path.join(work, "coach.db"))
    driver = None
    try:
        driver = browser(os.path.join(work, "profile"))
        wait = WebDriverWait(driver, 15)
        errors = []

        # The front page: a student gives their name and sees the questions grouped by topic.
        driver.get(base + "/")
        driver.find_element(By.ID, "student").send_keys("amira")
        driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "ul.questions")))
        topics = [h.text for h in driver.find_elements(By.CSS_SELECTOR, "main h2")]
        assert "The power struggle, 1924–28" in topics, topics
        step("questions are grouped by topic (%d topics)" % len(topics))
        errors += console_errors(driver)

        # Practice: question, stimulus, a running timer, live word count.
        driver.find_element(By.PARTIAL_LINK_TEXT, "Explain why Stalin won the power struggle").click()
        wait.until(EC.presence_of_element_located((By.ID, "answer")))
        assert "General Secretary" in driver.find_element(By.ID, "stimulus").text
        t1 = driver.find_element(By.ID, "timer").text
        assert re.fullmatch(r"1[45]:\d\d", t1), t1
        time.sleep(1.2)
        t2 = driver.find_element(By.ID, "timer").text
        assert t2 != t1 or t1 == "15:00", (t1, t2)
        step("the practice page shows the stimulus and a running exam timer (%s, then %s)" % (t1, t2))
        weak = open(os.path.join(REPO, "examples/why-stalin-won/weak.txt")).read().strip()
        first_half, second_half = weak[:len(weak) // 2], weak[len(weak) // 2:]
        box = driver.find_element(By.ID, "answer")
        box.send_keys(first_half)
        words = len(first_half.split())
        wait.until(lambda d: d.find_element(By.ID, "words").text == "%d words" % words)
        step("the word count follows typing (%s)" % driver.find_element(By.ID, "words").text)
        # An autosave may have caught the text half typed (typing is slow on a loaded machine), so wait
        # for the store to hold all of it, not only for the first "Draft saved".
        wait.until(lambda d: server_draft(base, "amira", "why-stalin-won") == first_half)
        wait.until(lambda d: "Draft saved" in d.find_element(By.ID, "saved").text)
        step("the draft is autosaved to the store within seconds")

        # Reload mid-answer: the draft comes back (from the store).
        driver.refresh()
        wait.until(EC.presence_of_element_located((By.ID, "answer")))
        assert driver.find_element(By.ID, "answer").get_attribute("value") == first_half
        step("after a reload the draft is restored from the store")
        # Type more and reload at once, before the next autosave: the browser's copy restores it.
        box = driver.find_element(By.ID, "answer")
        box.send_keys(second_half)
        driver.refresh()
        wait.until(EC.presence_of_element_located((By.ID, "answer")))
        restored = driver.find_element(By.ID, "answer").get_attribute("value")
        assert restored == first_half + second_half, restored[-80:]
        step("text typed just before a reload is restored from the browser's storage")
        # An autosave that was in flight when the page was left, arriving after the newer save: the
        # server refuses it (it was typed earlier by this browser), so the reload keeps the newest text.
        # (The newest text reached the store by the page's last save on leaving or by the next autosave.)
        wait.until(lambda d: server_draft(base, "amira", "why-stalin-won") == first_half + second_half)
        late = driver.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "fetch('/api/students/amira/drafts/why-stalin-won', {method: 'PUT', headers: {'Content-Type': 'application/json'},"
            " body: JSON.stringify({text: arguments[0], browser: localStorage.getItem('essaycoach:browser'), typed_at: Date.now() - 60000})})"
            ".then(function (r) { done(r.status); }, function (e) { done(String(e)); });", first_half)
        assert late == 409, late
        # The browser logs the refused request (409) it was asked to make; nothing else may be logged.
        errors += [e for e in console_errors(driver) if "409 (Conflict)" not in e.get("message", "")]
        assert server_draft(base, "amira", "why-stalin-won") == first_half + second_half
        driver.refresh()
        wait.until(EC.presence_of_element_located((By.ID, "answer")))
        assert driver.find_element(By.ID, "answer").get_attribute("value") == first_half + second_half
        step("a late autosave of older text is refused by the server, and the reload keeps the newest text")
        if args.screenshots:
            full_screenshot(driver, os.path.join(args.screenshots, "practice.png"))
        errors += console_errors(driver)

        # Self-assessment before the mark, then submit.
        driver.find_element(By.ID, "done").click()
        wait.until(EC.visibility_of_element_located((By.ID, "self")))
        driver.find_element(By.CSS_SELECTOR, "input[name=self_level][value='3']").click()
        driver.find_element(By.CSS_SELECTOR, "input[name=self_factor][value='general-secretary']").click()
        step("self-assessment (level and factors) is asked before the mark is shown")
        driver.find_element(By.ID, "submit").click()
        wait.until(EC.presence_of_element_located((By.ID, "score")))
        mark1 = driver.find_element(By.ID, "mark").text
        assert re.fullmatch(r"\d+/12", mark1), mark1
        highlights = driver.find_elements(By.CSS_SELECTOR, "#answer-text mark")
        kinds = sorted({h.get_attribute("class") for h in highlights})
        assert "hl-mentioned" in kinds and "hl-error" in kinds, kinds
        assert driver.find_element(By.ID, "legend").is_displayed()
        assert "Level 3" in driver.find_element(By.ID, "self-vs-engine").text
        assert "engine" in driver.find_element(By.ID, "self-vs-engine").text
        nl = driver.find_element(By.ID, "next-level").text
        assert "next level" in nl.lower() and "/12" in nl, nl
        assert driver.find_elements(By.CSS_SELECTOR, "#revise details.card-text")
        step("the report shows %s, highlights (%s) with a legend, self-assessment beside the engine's, "
             "the next-level path and the cards" % (mark1, ", ".join(kinds)))
        if args.screenshots:
            full_screenshot(driver, os.path.join(args.screenshots, "report.png"))
        errors += console_errors(driver)

        # Redraft: starts from the last attempt's text; the new report compares with it.
        driver.find_element(By.ID, "redraft").click()
        wait.until(EC.presence_of_element_located((By.ID, "answer")))
        assert driver.find_element(By.ID, "answer").get_attribute("value") == first_half + second_half
        step("redraft starts from the last attempt's text")
        # The redraft corrects the date its report flagged and explains the post of General Secretary.
        driver.execute_script("var a = document.getElementById('answer'); a.value = a.value.replace('died in 1923', "
                              "'died in 1924'); a.dispatchEvent(new Event('input'));")
        box = driver.find_element(By.ID, "answer")
        box.send_keys(Keys_END())
        box.send_keys("\n\nAs General Secretary Stalin could appoint his supporters to key posts in the party. "
                      "This meant that at the party congresses his supporters voted for him and against Trotsky, "
                      "so he won the votes that decided the power struggle.")
        driver.find_element(By.ID, "done").click()
        wait.until(EC.visibility_of_element_located((By.ID, "self")))
        driver.find_element(By.CSS_SELECTOR, "input[name=self_level][value='2']").click()
        driver.find_element(By.ID, "submit").click()
        wait.until(EC.presence_of_element_located((By.ID, "compare")))
        compare = driver.find_element(By.ID, "compare").text
        assert "Since attempt 1" in compare and "Mark:" in compare, compare
        assert "Errors fixed" in compare, compare
        assert "Stalin's position as General Secretary" in driver.find_element(By.ID, "now-explained").text
        step("the redraft's report compares with attempt 1: %s" % compare.splitlines()[1])
        errors += console_errors(driver)

        # Progress: the chart and the grid.
        driver.find_element(By.LINK_TEXT, "Progress").click()
        wait.until(EC.presence_of_element_located((By.ID, "chart")))
        dots = driver.find_elements(By.CSS_SELECTOR, "#chart circle.dot")
        assert len(dots) == 2, len(dots)
        rows = driver.find_elements(By.CSS_SELECTOR, "table.grid tr")
        assert len(rows) > 5
        assert driver.find_element(By.ID, "next-prompt").text
        step("progress shows the chart (%d points), the grid (%d rows) and the prompt to practise next"
             % (len(dots), len(rows) - 1))
        if args.screenshots:
            full_screenshot(driver, os.path.join(args.screenshots, "progress.png"))
        errors += console_errors(driver)

        # Student text is shown as text: a hostile answer stays text in the rendered DOM.
        hostile = 'Stalin <script>alert(1)</script> won. "><img src=x onerror=alert(1)> The end.'
        req = urllib.request.Request(base + "/api/attempts", method="POST", data=json.dumps(
            {"student": "amira", "prompt": "why-stalin-won", "answer": hostile}).encode(),
            headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req) as r:
            attempt = json.load(r)
        driver.get(base + "/s/amira/attempts/%d" % attempt["id"])
        wait.until(EC.presence_of_element_located((By.ID, "answer-text")))
        shown = driver.find_element(By.ID, "answer-text").text
        assert "<script>alert(1)</script>" in shown and "<img src=x onerror=alert(1)>" in shown, shown
        assert not driver.find_elements(By.CSS_SELECTOR, "#answer-text img, #answer-text script")
        try:
            driver.switch_to.alert
            raise AssertionError("an alert opened")
        except Exception as e:  # no alert is present: as it should be
            if isinstance(e, AssertionError):
                raise
        step("an answer containing <script> and an onerror image is shown as text")
        errors += console_errors(driver)

        assert not errors, "JavaScript console errors: %s" % errors
        step("no JavaScript console errors")
    finally:
        if driver is not None:
            driver.quit()
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(work, ignore_errors=True)
    print("%d passed, 0 failed" % len(STEPS))


def Keys_END():
    from selenium.webdriver.common.keys import Keys
    return Keys.CONTROL + Keys.END


if __name__ == "__main__":
    main()
