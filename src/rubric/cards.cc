// Reading the revision cards file into numbered cards. Entry point: load_cards().
#include "rubric/cards.h"

#include <filesystem>
#include <fstream>
#include <algorithm>
#include <regex>
#include <sstream>

#include "rubric/rubric.h"

namespace ec::rubric {
namespace {

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace

Result<std::vector<Card>> parse_cards(const std::string& text, const std::string& file) {
  static const std::regex closing(R"(^\s*(\d+) of (\d+)\s*$)");
  std::vector<Card> cards;
  std::istringstream in(text);
  std::string line, body;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    std::smatch m;
    if (std::regex_match(line, m, closing)) {
      Card c;
      c.number = std::stoi(m[1]);
      std::string t = trim(body);
      auto nl = t.find('\n');
      c.title = trim(t.substr(0, nl));
      c.text = nl == std::string::npos ? "" : trim(t.substr(nl + 1));
      if (c.number != static_cast<int>(cards.size()) + 1) {
        Error e = make_error(ErrorKind::rubric, "expected card " + std::to_string(cards.size() + 1) + " to close here, found card " +
                                                    std::to_string(c.number));
        e.file = file;
        e.line = line_no;
        return e;
      }
      cards.push_back(std::move(c));
      body.clear();
    } else {
      body += line + "\n";
    }
  }
  if (cards.empty()) {
    Error e = make_error(ErrorKind::rubric, "no cards found (each card ends with a line such as \"1 of 27\")");
    e.file = file;
    return e;
  }
  return cards;
}

Result<std::vector<Card>> load_cards(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    Error e = make_error(ErrorKind::input, "cannot read the revision cards");
    e.file = file;
    return e;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_cards(ss.str(), file);
}

std::string default_cards_file() {
  namespace fs = std::filesystem;
  for (const auto& dir : default_rubric_dirs()) {
    fs::path p = fs::path(dir) / "cards";
    std::error_code ec;
    if (!fs::is_directory(p, ec)) continue;
    std::vector<fs::path> files;
    for (const auto& f : fs::directory_iterator(p, ec))
      if (f.path().extension() == ".txt") files.push_back(f.path());
    std::sort(files.begin(), files.end());
    if (!files.empty()) return files.front().string();
  }
  return {};
}

}  // namespace ec::rubric
