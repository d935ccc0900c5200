"""The directory in a real browser: accessible, and filtering works without JavaScript."""

import pytest

from .test_public_pages import blocking_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path",
    [
        "/lv/network/",
        "/en/network/?country=LT&theme=roma-inclusion",
        "/ru/network/ilze-kalnina/",
        "/et/network/organisations/",
        "/lt/network/valka-valga/",
        "/en/account/signup/",
        "/en/account/login/",
        "/lv/practices/",
        "/ru/practices/roma-mediation-latvia/",
        "/lt/projects/latvian-roma-platform/",
        "/et/events/",
        "/en/events/coalition-meeting-october-2020/",
        "/lv/library/",
    ],
)
def test_directory_pages_have_no_serious_accessibility_violations(page, live_site, path):
    page.goto(live_site + path)
    assert blocking_violations(page) == [], path


def test_filtering_without_javascript_builds_a_shareable_url(browser, live_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_site}/en/network/")
    page.locator("fieldset", has_text="Country").get_by_label("Lithuania").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/en/network/?country=LT")
    names = page.locator(".cards .person h3").all_inner_texts()
    assert len(names) == 6
    # The same URL in another language gives the same people
    page.goto(f"{live_site}/lv/network/?country=LT")
    assert sorted(page.locator(".cards .person h3").all_inner_texts()) == sorted(names)
    context.close()


def test_contact_form_is_usable_by_keyboard_and_hides_the_honeypot(page, live_site):
    page.goto(f"{live_site}/en/network/andris-liepins/")
    assert not page.locator("input[name=website]").is_visible()
    page.get_by_label("Your name").fill("Test Visitor")
    page.get_by_label("Your e-mail").fill("visitor@example.net")
    page.get_by_label("Message").fill("We would like to learn from your Roma mediation work in Valmiera.")
    page.get_by_role("button", name="Send message").press("Enter")
    page.wait_for_load_state()
    assert page.get_by_role("status").inner_text().startswith("Thank you: your message will be delivered")
