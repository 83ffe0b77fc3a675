// Matching a compiled expression against a Subject within each scope of a kind.
// Entry point: evaluate_scopes().
#pragma once

#include <vector>

#include "match/compile.h"
#include "match/subject.h"

namespace ec::match {

// Every scope of `scope` kind in which `ex` matches, in order, with the words it used.
std::vector<Match> evaluate_scopes(const CompiledExpression& ex, const Subject& subject, Scope scope);

}  // namespace ec::match
