"""The bot and device parsers see a bounded User-Agent (issue 10, finding 1).

crawlerdetect is quadratic in the agent's length (8 KB: 5 s of CPU); what it
and user-agents are handed is cut by request_info.user_agent(). Nothing is
timed: the parsers are replaced by recorders of the length they receive.
"""

import pytest
from django.apps import apps

from dolisa_site.request_info import USER_AGENT_MAX_LENGTH
from stats import rules

from .conftest import BROWSER

# Under the 8 KB header limit, so it reaches the parsers: what they are handed must still be cut.
LONG_AGENT = BROWSER + " " + "a" * 7000

pytestmark = pytest.mark.django_db


@pytest.fixture
def parsers(monkeypatch):
    """Record the length of every User-Agent the bot and device parsers receive."""
    seen = {"crawlerdetect": [], "user_agents": []}

    def is_crawler(user_agent):
        seen["crawlerdetect"].append(len(user_agent))
        return False

    real_parse = rules.user_agents.parse

    def parse(user_agent):
        seen["user_agents"].append(len(user_agent))
        return real_parse(user_agent)

    monkeypatch.setattr(rules._crawlers, "is_crawler", is_crawler)
    monkeypatch.setattr(rules.user_agents, "parse", parse)
    rules.is_bot.cache_clear()
    rules.is_mobile.cache_clear()
    yield seen
    rules.is_bot.cache_clear()
    rules.is_mobile.cache_clear()


@pytest.fixture(autouse=True)
def site():
    apps.get_model("dolisa_site", "SiteProfile").objects.create(name="Sở Lao động - Thương binh và Xã hội")


def test_a_long_user_agent_reaches_crawlerdetect_and_user_agents_cut(client, parsers):
    response = client.get("/", HTTP_USER_AGENT=LONG_AGENT)
    assert response.status_code == 200
    # Both parsers ran on this request (a page view by a person)...
    assert parsers["crawlerdetect"] and parsers["user_agents"]
    # ...and neither saw more than the cut.
    assert max(parsers["crawlerdetect"] + parsers["user_agents"]) <= USER_AGENT_MAX_LENGTH


def test_an_ordinary_user_agent_is_handed_over_whole(client, parsers):
    client.get("/", HTTP_USER_AGENT=BROWSER)
    assert parsers["crawlerdetect"] == [len(BROWSER)]
