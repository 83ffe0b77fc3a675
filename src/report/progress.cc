// Progress over stored attempts, read from their reports. Entry point: progress_of().
#include "report/progress.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

namespace ec::report {
namespace {

using json = nlohmann::json;

std::string percent_bar(int mark, int out_of, int width) {
  int filled = out_of > 0 ? static_cast<int>(std::lround(static_cast<double>(mark) * width / out_of)) : 0;
  std::string bar;
  for (int i = 0; i < width; ++i) bar += i < filled ? "\u2588" : "\u00b7";
  return bar;
}

}  // namespace

Progress progress_of(const std::string& student, const std::vector<store::Attempt>& attempts, const Coach& coach) {
  Progress p;
  p.student = student;
  std::vector<json> reports;
  for (const auto& a : attempts) reports.push_back(json::parse(a.report_json, nullptr, false));

  // Marks over time and self-assessment.
  double diff_sum = 0;
  for (std::size_t i = 0; i < attempts.size(); ++i) {
    const auto& a = attempts[i];
    const auto& r = reports[i];
    Progress::Point pt;
    pt.attempt = a.id;
    pt.prompt = a.prompt;
    pt.number = a.number;
    pt.created_at = a.created_at;
    pt.mark = a.final_mark();
    pt.level = a.final_level();
    pt.marks_available = r.is_object() && r.contains("marks_available") ? r["marks_available"].get<int>() : 0;
    if (a.self_assessment && a.self_assessment->level) {
      pt.self_level = a.self_assessment->level;
      if (pt.level) {
        ++p.self.compared;
        if (*pt.self_level == *pt.level) ++p.self.exact;
        diff_sum += *pt.self_level - *pt.level;
      }
    }
    p.points.push_back(pt);
  }
  if (p.self.compared > 0) p.self.mean_difference = diff_sum / p.self.compared;

  // The grid: every factor met in any attempt, in order of first appearance, then the skills.
  std::vector<std::string> factor_order;
  std::map<std::string, std::string> labels;
  std::map<std::string, std::vector<std::string>> cells;
  std::map<int, int> card_misses;
  Progress::Row explanation{"explanation", "Explanation (factors explained)", "skill", {}};
  Progress::Row judgement{"judgement", "Judgement", "skill", {}};
  Progress::Row accuracy{"accuracy", "Accuracy (factual errors)", "skill", {}};
  Progress::Row spelling{"spelling", "Spelling of key words", "skill", {}};
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const auto& r = reports[i];
    if (!r.is_object()) {
      for (auto* row : {&explanation, &judgement, &accuracy, &spelling}) row->cells.push_back("");
      continue;
    }
    int explained = 0, credited = 0;
    for (const auto& f : r.value("factors", json::array())) {
      std::string id = f.value("id", "");
      if (!labels.count(id)) {
        labels[id] = f.value("label", id);
        factor_order.push_back(id);
      }
      auto& row = cells[id];
      row.resize(i, "");
      std::string status = f.value("status", "");
      row.push_back(status);
      if (status == "explained") ++explained;
      if (status != "missing") ++credited;
      if (status != "explained")
        for (int c : f.value("cards", std::vector<int>{})) card_misses[c] += status == "missing" ? 1 : 2;
    }
    const auto& m = r.value("measures", json::object());
    explanation.cells.push_back(std::to_string(explained) + "/" + std::to_string(credited));
    judgement.cells.push_back(m.value("judgement", 0) > 0 ? "yes" : "no");
    int errors = m.value("errors", 0);
    accuracy.cells.push_back(errors == 0 ? "yes" : std::to_string(errors));
    int misspelt = 0;
    for (const auto& s : r.value("spelling", json::array()))
      if (s.contains("correct")) ++misspelt;
    spelling.cells.push_back(misspelt == 0 ? "yes" : std::to_string(misspelt));
    for (const auto& d : r.value("dates", json::array()))
      if (d.value("status", "") == "wrong")
        for (int c : d.value("cards", std::vector<int>{})) card_misses[c] += 2;
  }
  for (const auto& id : factor_order) {
    auto row = cells[id];
    row.resize(reports.size(), "");
    p.grid.push_back(Progress::Row{id, labels[id], "factor", row});
  }
  for (auto* row : {&explanation, &judgement, &accuracy, &spelling}) p.grid.push_back(*row);

  // Weakest cards: most missed, then lowest number.
  std::vector<std::pair<int, int>> ranked(card_misses.begin(), card_misses.end());
  std::sort(ranked.begin(), ranked.end(), [](auto a, auto b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  for (const auto& [card, misses] : ranked) {
    if (p.weakest_cards.size() == 3) break;
    std::string title;
    for (const auto& c : coach.cards())
      if (c.number == card) title = c.title;
    p.weakest_cards.push_back(Progress::WeakCard{card, title, misses});
  }

  // Next prompt: one never tried that practises the weakest cards; else the one with the lowest
  // latest mark (as a share of its marks); with no attempts, the first 12-mark question.
  std::map<std::string, double> latest_share;
  for (const auto& pt : p.points)
    if (pt.marks_available > 0) latest_share[pt.prompt] = static_cast<double>(pt.mark) / pt.marks_available;
  std::set<int> weak;
  for (const auto& w : p.weakest_cards) weak.insert(w.number);
  const auto& lib = coach.library();
  auto cards_of = [&lib](const rubric::Prompt& pr) {
    std::set<int> cs;
    for (const auto& u : pr.uses) {
      auto it = lib.rubrics.find(u);
      if (it == lib.rubrics.end()) continue;
      for (const auto& f : it->second.factors) cs.insert(f.cards.begin(), f.cards.end());
    }
    return cs;
  };
  int best_overlap = -1;
  for (const auto& [id, pr] : lib.prompts) {
    if (latest_share.count(id) || pr.marks < 12) continue;
    auto cs = cards_of(pr);
    int overlap = 0;
    for (int c : weak) overlap += cs.count(c);
    if (overlap > best_overlap) {
      best_overlap = overlap;
      p.next_prompt = id;
    }
  }
  if (!p.next_prompt.empty() && !p.points.empty() && best_overlap > 0) {
    std::string list;
    for (const auto& w : p.weakest_cards)
      if (cards_of(lib.prompts.at(p.next_prompt)).count(w.number)) list += (list.empty() ? "" : ", ") + std::to_string(w.number);
    p.next_reason = "You have not tried it yet, and it practises card" + std::string(list.find(',') != std::string::npos ? "s " : " ") +
                    list + ", where your answers have been weakest.";
  } else if (!p.next_prompt.empty() && p.points.empty()) {
    p.next_reason = "A 12-mark question to start with.";
  } else if (!latest_share.empty()) {
    auto worst = std::min_element(latest_share.begin(), latest_share.end(),
                                  [](auto a, auto b) { return a.second < b.second; });
    if (!p.next_prompt.empty() && worst->second >= 0.75) {
      p.next_reason = "You have not tried it yet; your other answers are already strong.";
    } else {
      p.next_prompt = worst->first;
      p.next_reason = "Your latest mark here is your lowest (" + std::to_string(static_cast<int>(std::lround(worst->second * 100))) +
                      "% of the marks): redraft it using its next-level task.";
    }
  }
  return p;
}

nlohmann::ordered_json progress_json(const Progress& p) {
  using oj = nlohmann::ordered_json;
  oj j;
  j["schema_version"] = 1;
  j["student"] = p.student;
  j["attempts"] = oj::array();
  for (const auto& pt : p.points) {
    oj a{{"attempt", pt.attempt}, {"prompt", pt.prompt}, {"number", pt.number}, {"created_at", pt.created_at},
         {"mark", pt.mark}, {"marks_available", pt.marks_available}};
    a["level"] = pt.level ? oj(*pt.level) : oj(nullptr);
    a["self_level"] = pt.self_level ? oj(*pt.self_level) : oj(nullptr);
    j["attempts"].push_back(std::move(a));
  }
  j["grid"] = oj::array();
  for (const auto& r : p.grid) j["grid"].push_back({{"id", r.id}, {"label", r.label}, {"kind", r.kind}, {"cells", r.cells}});
  j["weakest_cards"] = oj::array();
  for (const auto& w : p.weakest_cards)
    j["weakest_cards"].push_back({{"card", w.number}, {"title", w.title}, {"misses", w.misses}});
  j["next"] = {{"prompt", p.next_prompt}, {"reason", p.next_reason}};
  j["self_assessment"] = {{"compared", p.self.compared},
                          {"exact", p.self.exact},
                          {"mean_difference", std::round(p.self.mean_difference * 100) / 100}};
  return j;
}

std::string progress_text(const Progress& p, const Coach& coach) {
  std::ostringstream out;
  out << "Progress for " << p.student << ": " << p.points.size() << (p.points.size() == 1 ? " attempt" : " attempts") << "\n\n";
  if (p.points.empty()) {
    out << "No attempts yet. Start with: " << p.next_prompt << "\n";
    return out.str();
  }
  out << "Marks over time\n";
  for (const auto& pt : p.points) {
    char line[160];
    std::snprintf(line, sizeof line, "  %-10.10s %-32.32s #%-2d ", pt.created_at.c_str(), pt.prompt.c_str(), pt.number);
    out << line << percent_bar(pt.mark, pt.marks_available, 20) << " " << pt.mark << "/" << pt.marks_available;
    if (pt.level) out << "  L" << *pt.level;
    if (pt.self_level) out << "  (you said L" << *pt.self_level << ")";
    out << "\n";
  }
  out << "\nFactors and skills (one column an attempt: E explained, m mentioned, . missing)\n";
  for (const auto& r : p.grid) {
    char label[64];
    std::snprintf(label, sizeof label, "  %-40.40s ", r.label.c_str());
    out << label;
    for (const auto& c : r.cells) {
      std::string cell = c.empty() ? " " : c == "explained" ? "E" : c == "mentioned" ? "m" : c == "missing" ? "." : c == "yes" ? "\u2713" : c == "no" ? "\u2717" : c;
      out << " " << cell;
    }
    out << "\n";
  }
  if (!p.weakest_cards.empty()) {
    out << "\nCards to revise first\n";
    for (const auto& w : p.weakest_cards) out << "  card " << w.number << ": " << w.title << "\n";
  }
  if (!p.next_prompt.empty()) {
    const auto* pr = coach.prompt(p.next_prompt);
    out << "\nPractise next: " << p.next_prompt << (pr ? " \u2014 " + pr->question : "") << "\n  " << p.next_reason << "\n";
  }
  if (p.self.compared > 0) {
    char buf[200];
    std::snprintf(buf, sizeof buf, "\nSelf-assessment: your level matched the engine's in %d of %d attempts (on average %+.1f levels).\n",
                  p.self.exact, p.self.compared, p.self.mean_difference);
    out << buf;
  }
  return out.str();
}

}  // namespace ec::report
