// The revision cards the rubrics cite by number, as a student reads them: number, title, text.
// The bundled copy is rubrics/cards/*.txt (from ../shared/cards; a test keeps the two equal).
// Entry points: load_cards(), default_cards_file().
#pragma once

#include <string>
#include <vector>

#include "base/result.h"

namespace ec::rubric {

struct Card {
  int number = 0;       // 1..card_count
  std::string title;    // its first line
  std::string text;     // the rest, as written (bullets and blank lines kept)
};

// Cards are separated by a line "N of M" that closes card N.
Result<std::vector<Card>> parse_cards(const std::string& text, const std::string& file);
Result<std::vector<Card>> load_cards(const std::string& file);

// The bundled cards file, found beside the bundled rubrics (see default_rubric_dirs()).
std::string default_cards_file();

}  // namespace ec::rubric
