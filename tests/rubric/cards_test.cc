// The revision cards as the web app and the reports show them: the bundled copy has all 27, each
// with a title and text, stays equal to ../shared/cards, and a malformed file is a placed error.
#include "rubric/cards.h"

#include <gtest/gtest.h>

#include "rubric/rubric.h"
#include "support/test_support.h"

namespace ec::rubric {
namespace {

TEST(Cards, TheBundledCardsAreAll27WithTitlesAndText) {
  auto file = default_cards_file();
  ASSERT_FALSE(file.empty());
  auto cards = load_cards(file);
  ASSERT_TRUE(cards.ok()) << cards.error().located();
  ASSERT_EQ(cards->size(), static_cast<std::size_t>(card_count));
  for (const auto& c : *cards) {
    EXPECT_FALSE(c.title.empty()) << c.number;
    EXPECT_FALSE(c.text.empty()) << c.number;
  }
  EXPECT_EQ((*cards)[0].title, "New Economic Policy (NEP)");
}

TEST(Cards, TheBundledCopyIsTheSharedCards) {
  auto shared = ec::testing::shared_dir();
  if (shared.empty()) GTEST_SKIP() << "../shared is not beside the repository";
  EXPECT_EQ(ec::testing::read_file(default_cards_file()), ec::testing::read_file(shared + "/cards/ussr-1924-1941.txt"))
      << "rubrics/cards/ is out of date: copy ../shared/cards/ussr-1924-1941.txt over it";
}

TEST(Cards, CardsOutOfOrderAreAPlacedError) {
  auto r = parse_cards("First\ntext\n1 of 3\nSecond\ntext\n3 of 3\n", "cards.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().line, 6);
  EXPECT_NE(r.error().message.find("expected card 2"), std::string::npos);
  EXPECT_FALSE(parse_cards("no cards here\n", "cards.txt").ok());
}

}  // namespace
}  // namespace ec::rubric
