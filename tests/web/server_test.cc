// The web app's routes and API as a browser or a school platform meets them, over real HTTP on a
// loopback port: the JSON API and its errors, student text escaped in pages, the security headers,
// and malformed, slow, huge or hostile requests that must never bring the server down.
#include "web/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <atomic>
#include <chrono>
#include <thread>

#include "mark/spelling.h"
#include "rubric/cards.h"
#include "support/test_support.h"

namespace ec::web {
namespace {

using json = nlohmann::json;
using ec::testing::ScratchFolder;

std::shared_ptr<const report::Coach> bundled_coach() {
  static std::shared_ptr<const report::Coach> coach = [] {
    mark::prepare_spell_checker();
    auto lib = rubric::check_library(rubric::default_rubric_dirs());
    EXPECT_TRUE(lib.library.has_value());
    auto cards = rubric::load_cards(rubric::default_cards_file());
    EXPECT_TRUE(cards.ok());
    auto c = report::Coach::build(std::move(*lib.library), lib.files, std::move(*cards));
    EXPECT_TRUE(c.ok());
    return *c;
  }();
  return coach;
}

// A server on a free loopback port with a scratch database, stopped at the end of the test.
class Running {
 public:
  Running() {
    auto s = store::Store::open(dir_.path() + "/coach.db");
    EXPECT_TRUE(s.ok());
    store_ = std::move(*s);
    server_.set_payload_max_length(kMaxBody);
    server_.set_read_timeout(2, 0);
    server_.new_task_queue = [] { return new httplib::ThreadPool(8); };
    install_routes(server_, bundled_coach(), *store_);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~Running() {
    server_.stop();
    thread_.join();
  }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(20, 0);
    return c;
  }
  int port() const { return port_; }
  store::Store& store() { return *store_; }

 private:
  ScratchFolder dir_;
  std::unique_ptr<store::Store> store_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

std::string weak_answer() { return ec::testing::read_file(ec::testing::repo_dir() + "/examples/why-stalin-won/weak.txt"); }

TEST(WebApi, PromptsListsEveryPromptWithTheFieldsAPlatformNeeds) {
  Running server;
  auto r = server.client().Get("/api/prompts");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  auto j = json::parse(r->body);
  ASSERT_EQ(j.size(), 12u);
  for (const auto& p : j) {
    for (const char* field : {"id", "question", "marks_available", "minutes", "topic"}) EXPECT_TRUE(p.contains(field)) << field;
    EXPECT_FALSE(p["topic"].get<std::string>().empty()) << p["id"];
  }
}

TEST(WebApi, MarkReturnsExactlyTheCommandLineReport) {
  Running server;
  auto r = server.client().Post("/api/mark", json{{"prompt", "why-stalin-won"}, {"answer", weak_answer()}}.dump(), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  auto cli = ec::testing::run_essaycoach("mark --prompt why-stalin-won --format json -", weak_answer());
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(r->body + "\n", cli.out);
}

TEST(WebApi, ErrorsAreJsonWithTheRightStatus) {
  Running server;
  auto c = server.client();
  auto bad_json = c.Post("/api/mark", "{not json", "application/json");
  EXPECT_EQ(bad_json->status, 400);
  EXPECT_TRUE(json::parse(bad_json->body).contains("error"));
  auto missing = c.Post("/api/mark", R"({"prompt": "why-stalin-won"})", "application/json");
  EXPECT_EQ(missing->status, 400);
  EXPECT_NE(json::parse(missing->body)["error"].get<std::string>().find("answer"), std::string::npos);
  auto unknown = c.Post("/api/mark", R"({"prompt": "no-such", "answer": "x"})", "application/json");
  EXPECT_EQ(unknown->status, 404);
  // Invalid UTF-8 inside a JSON string is refused as undecodable; so is a NUL.
  auto bad_utf8 = c.Post("/api/mark", std::string("{\"prompt\":\"why-stalin-won\",\"answer\":\"Stalin \xff\xfe\"}"), "application/json");
  EXPECT_EQ(bad_utf8->status, 400);
  auto nul = c.Post("/api/mark", R"({"prompt":"why-stalin-won","answer":"Stalin \u0000 won"})", "application/json");
  EXPECT_EQ(nul->status, 400);
  EXPECT_TRUE(json::parse(nul->body).contains("error"));
  auto huge = c.Post("/api/mark", std::string((1 << 20) + 100, 'a'), "application/json");
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 413);
  EXPECT_TRUE(json::parse(huge->body).contains("error"));
  auto nobody = c.Get("/api/students/nobody/attempts");
  EXPECT_EQ(nobody->status, 404);
  EXPECT_TRUE(json::parse(nobody->body).contains("error"));
  auto nothing = c.Get("/api/nothing-here");
  EXPECT_EQ(nothing->status, 404);
  EXPECT_TRUE(json::parse(nothing->body).contains("error"));
}

TEST(WebApi, AttemptIsStoredAndListedWithItsReport) {
  Running server;
  auto c = server.client();
  json body{{"student", "o'brien'); drop table attempts;--"},
            {"prompt", "why-stalin-won"},
            {"answer", weak_answer()},
            {"seconds", 540},
            {"self_assessment", {{"level", 3}, {"factors", {"general-secretary"}}}}};
  auto r = c.Post("/api/attempts", body.dump(), "application/json");
  ASSERT_EQ(r->status, 201) << r->body;
  auto a = json::parse(r->body);
  EXPECT_EQ(a["student"], body["student"]);
  EXPECT_EQ(a["number"], 1);
  EXPECT_EQ(a["seconds"], 540);
  EXPECT_EQ(a["self_assessment"]["level"], 3);
  EXPECT_EQ(a["report"]["mark"], a["mark"]);
  EXPECT_FALSE(a["rubric_hash"].get<std::string>().empty());
  // The id in the URL is percent-decoded: the same student, exactly.
  auto list = c.Get("/api/students/o'brien')%3B%20drop%20table%20attempts%3B--/attempts");
  ASSERT_EQ(list->status, 200) << list->body;
  auto l = json::parse(list->body);
  ASSERT_EQ(l.size(), 1u);
  EXPECT_EQ(l[0]["student"], body["student"]);
  auto bad_self = c.Post("/api/attempts", json{{"student", "x"}, {"prompt", "why-stalin-won"}, {"answer", "y"}, {"self_assessment", {{"level", 9}}}}.dump(),
                         "application/json");
  EXPECT_EQ(bad_self->status, 400);
  auto bad_id = c.Post("/api/attempts", json{{"student", "a/b"}, {"prompt", "why-stalin-won"}, {"answer", "y"}}.dump(), "application/json");
  EXPECT_EQ(bad_id->status, 400);
}

TEST(WebApi, DraftsArePutAndGot) {
  Running server;
  auto c = server.client();
  EXPECT_EQ(c.Get("/api/students/zoe/drafts/why-stalin-won")->status, 404);
  auto put = c.Put("/api/students/zoe/drafts/why-stalin-won", R"({"text": "Stalin was General Secretary"})", "application/json");
  ASSERT_EQ(put->status, 200) << put->body;
  auto got = c.Get("/api/students/zoe/drafts/why-stalin-won");
  ASSERT_EQ(got->status, 200);
  EXPECT_EQ(json::parse(got->body)["text"], "Stalin was General Secretary");
  EXPECT_EQ(c.Put("/api/students/zoe/drafts/no-such-prompt", R"({"text": "x"})", "application/json")->status, 404);
  EXPECT_EQ(c.Put("/api/students/zoe/drafts/why-stalin-won", R"({"txt": "x"})", "application/json")->status, 400);
}

TEST(WebApi, ALateAutosaveTypedEarlierIsRefusedWith409) {
  Running server;
  auto c = server.client();
  const char* url = "/api/students/zoe/drafts/why-stalin-won";
  auto newer = c.Put(url, R"({"text": "Stalin was General Secretary from 1922", "browser": "b1", "typed_at": 2000})",
                     "application/json");
  ASSERT_EQ(newer->status, 200) << newer->body;
  EXPECT_EQ(json::parse(newer->body)["typed_at"], 2000);
  // A beacon (POST) sent earlier but arriving later, from the same browser.
  auto late = c.Post(url, R"({"text": "Stalin was", "browser": "b1", "typed_at": 1000})", "application/json");
  ASSERT_EQ(late->status, 409) << late->body;
  auto why = json::parse(late->body);
  EXPECT_EQ(why["text"], "Stalin was General Secretary from 1922");
  EXPECT_TRUE(why.contains("error"));
  EXPECT_EQ(json::parse(c.Get(url)->body)["text"], "Stalin was General Secretary from 1922");
  // The two fields come together, and typed_at is an integer.
  EXPECT_EQ(c.Put(url, R"({"text": "x", "browser": "b1"})", "application/json")->status, 400);
  EXPECT_EQ(c.Put(url, R"({"text": "x", "typed_at": 5})", "application/json")->status, 400);
  EXPECT_EQ(c.Put(url, R"({"text": "x", "browser": "b1", "typed_at": "soon"})", "application/json")->status, 400);
  EXPECT_EQ(c.Put(url, R"({"text": "x", "browser": "a/b", "typed_at": 3000})", "application/json")->status, 400);
  EXPECT_EQ(json::parse(c.Get(url)->body)["text"], "Stalin was General Secretary from 1922");
}

TEST(WebPages, StudentTextIsEscapedEverywhere) {
  Running server;
  auto c = server.client();
  const std::string hostile = "Stalin <script>alert(1)</script> won. \"><img src=x onerror=alert(1)> The end.";
  auto r2 = c.Post("/api/attempts", json{{"student", "<b>eve"}, {"prompt", "why-stalin-won"}, {"answer", hostile}}.dump(), "application/json");
  ASSERT_EQ(r2->status, 201) << r2->body;
  auto id2 = json::parse(r2->body)["id"].get<int>();
  auto report = c.Get("/s/%3Cb%3Eeve/attempts/" + std::to_string(id2));
  ASSERT_EQ(report->status, 200);
  EXPECT_EQ(report->body.find("<script>alert"), std::string::npos);
  EXPECT_EQ(report->body.find("<img src=x"), std::string::npos);
  EXPECT_EQ(report->body.find("<b>eve"), std::string::npos);
  EXPECT_NE(report->body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(report->body.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  EXPECT_NE(report->body.find("&lt;b&gt;eve"), std::string::npos);
  // No inline script anywhere, and a CSP that forbids it.
  EXPECT_EQ(report->body.find("<script>"), std::string::npos);
  EXPECT_NE(report->get_header_value("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(report->get_header_value("X-Content-Type-Options"), "nosniff");
}

TEST(WebPages, AnotherStudentsAttemptIsNotShown) {
  Running server;
  auto c = server.client();
  auto r = c.Post("/api/attempts", json{{"student", "ann"}, {"prompt", "why-stalin-won"}, {"answer", weak_answer()}}.dump(), "application/json");
  auto id = json::parse(r->body)["id"].get<int>();
  EXPECT_EQ(c.Get("/s/ann/attempts/" + std::to_string(id))->status, 200);
  EXPECT_EQ(c.Get("/s/bob/attempts/" + std::to_string(id))->status, 404);
}

TEST(WebPages, FormSubmissionStoresTheAttemptAndRedirectsToItsReport) {
  Running server;
  auto c = server.client();
  httplib::Params form{{"answer", weak_answer()}, {"seconds", "300"}, {"self_level", "2"}, {"self_factor", "general-secretary"},
                       {"self_factor", "alliances"}};
  auto r = c.Post("/s/cal/practice/why-stalin-won", form);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 303) << r->body;
  auto where = r->get_header_value("Location");
  EXPECT_EQ(where.rfind("/s/cal/attempts/", 0), 0u) << where;
  auto attempts = server.store().attempts("cal");
  ASSERT_EQ(attempts->size(), 1u);
  EXPECT_EQ((*attempts)[0].seconds, 300);
  ASSERT_TRUE((*attempts)[0].self_assessment);
  EXPECT_EQ((*attempts)[0].self_assessment->factors.size(), 2u);
  // An empty answer is not stored: the practice page says why.
  auto empty = c.Post("/s/cal/practice/why-stalin-won", httplib::Params{{"answer", "   "}});
  EXPECT_EQ(empty->status, 400);
  EXPECT_NE(empty->body.find("Write your answer first"), std::string::npos);
  EXPECT_EQ(server.store().attempts("cal")->size(), 1u);
}

TEST(WebPages, EveryPageRenders) {
  Running server;
  auto c = server.client();
  ASSERT_EQ(c.Post("/api/attempts", json{{"student", "dee"}, {"prompt", "why-stalin-won"}, {"answer", weak_answer()}}.dump(), "application/json")->status,
            201);
  for (const char* path : {"/", "/cards", "/s/dee/", "/s/dee/practice/why-stalin-won", "/s/dee/practice/why-stalin-won?redraft=1",
                           "/s/dee/progress", "/static/style.css", "/static/app.js"}) {
    auto r = c.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 200) << path;
    EXPECT_FALSE(r->body.empty()) << path;
  }
  EXPECT_EQ(c.Get("/s/dee/practice/no-such")->status, 404);
  EXPECT_NE(c.Get("/cards")->body.find("id=\"card-27\""), std::string::npos);
}

// ---- hostile traffic ----

int connect_to(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  timeval tv{3, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

// Sends bytes and reads the reply until the server closes (or 3 s pass). `half_close` also ends our
// side at once, as a client that gives up would.
std::string send_raw(int port, const std::string& bytes, bool half_close = true) {
  int fd = connect_to(port);
  if (fd < 0) return "";
  (void)::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
  if (half_close) ::shutdown(fd, SHUT_WR);
  std::string out;
  char buf[4096];
  for (int i = 0; i < 50; ++i) {
    auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

TEST(WebHostile, MalformedSlowAndHugeRequestsNeverBringItDown) {
  Running server;
  std::vector<std::string> junk = {
      "GARBAGE\r\n\r\n",
      "GET\r\n\r\n",
      "GET / HTTP/9.9\r\n\r\n",
      "POST /api/mark HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
      "POST /api/mark HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n",
      "POST /api/mark HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nxx\r\n",
      "GET /s/%ZZ/ HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /s/%00/ HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /" + std::string(100000, 'a') + " HTTP/1.1\r\n\r\n",
      "GET / HTTP/1.1\r\n" + std::string(70000, 'X') + ": y\r\n\r\n",
      std::string("\x00\x01\x02\xff\xfe", 5),
  };
  for (const auto& j : junk) (void)send_raw(server.port(), j);
  // A bad student id in a page URL is refused, not crashed on.
  std::string nul = send_raw(server.port(), "GET /s/%00/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", false);
  EXPECT_NE(nul.find("400"), std::string::npos) << nul.substr(0, 200);
  // Slow clients: several connections that send half a request and stall do not stop others.
  std::vector<int> slow;
  for (int i = 0; i < 4; ++i) {
    int fd = connect_to(server.port());
    if (fd >= 0) {
      std::string half = "POST /api/mark HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"pro";
      (void)::send(fd, half.data(), half.size(), MSG_NOSIGNAL);
      slow.push_back(fd);
    }
  }
  auto ok = server.client().Get("/api/prompts");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  for (int fd : slow) ::close(fd);
  // Many requests at once from several threads: all answered.
  std::vector<std::thread> threads;
  std::atomic<int> good{0};
  for (int t = 0; t < 6; ++t)
    threads.emplace_back([&] {
      auto c = server.client();
      for (int i = 0; i < 5; ++i) {
        auto r = c.Post("/api/mark", json{{"prompt", "why-stalin-won"}, {"answer", weak_answer()}}.dump(), "application/json");
        if (r && r->status == 200) ++good;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(good.load(), 30);
}

TEST(WebIds, StudentIdsAreChecked) {
  EXPECT_EQ(store::check_student_id("amira"), "");
  EXPECT_EQ(store::check_student_id("o'brien'); drop table attempts;--"), "");
  EXPECT_EQ(store::check_student_id("Zoë"), "");
  EXPECT_NE(store::check_student_id(""), "");
  EXPECT_NE(store::check_student_id("../x"), "");
  EXPECT_NE(store::check_student_id(".."), "");
  EXPECT_NE(store::check_student_id(std::string("a\0b", 3)), "");
  EXPECT_NE(store::check_student_id("a\nb"), "");
  EXPECT_NE(store::check_student_id("\xff\xfe"), "");
  EXPECT_NE(store::check_student_id(std::string(101, 'x')), "");
}

}  // namespace
}  // namespace ec::web
