// Command-line parsing (tools/cli.h): what is accepted, and the one-line
// message for everything that is refused.

#include "tools/cli.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dbgref::tools {
namespace {

absl::StatusOr<Command> Parse(std::vector<const char*> args) {
  args.insert(args.begin(), "dbgref");
  return ParseCommand(static_cast<int>(args.size()), args.data());
}

std::string Error(std::vector<const char*> args) {
  absl::StatusOr<Command> command = Parse(std::move(args));
  EXPECT_FALSE(command.ok());
  return command.ok() ? "" : std::string(command.status().message());
}

TEST(Cli, ReviewWithFlags) {
  absl::StatusOr<Command> command =
      Parse({"review", "v2", "--format=json", "--sequences", "500", "--seed=7",
             "--quiet"});
  ASSERT_TRUE(command.ok()) << command.status();
  EXPECT_EQ(command->name, "review");
  EXPECT_EQ(command->args, std::vector<std::string>{"v2"});
  EXPECT_EQ(command->format, OutputFormat::kJson);
  EXPECT_EQ(command->sequences, 500u);
  EXPECT_EQ(command->seed, 7u);
  EXPECT_TRUE(command->seed_given);
  EXPECT_TRUE(command->quiet);
}

TEST(Cli, DefaultsAreRestoredBetweenParses) {
  ASSERT_TRUE(Parse({"list", "--format=markdown", "--quiet"}).ok());
  absl::StatusOr<Command> command = Parse({"list"});
  ASSERT_TRUE(command.ok());
  EXPECT_EQ(command->format, OutputFormat::kText);
  EXPECT_FALSE(command->quiet);
  EXPECT_FALSE(command->seed_given);
}

TEST(Cli, CheckTakesOneRevisionOrNone) {
  absl::StatusOr<Command> all = Parse({"check", "--quiet"});
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_TRUE(all->args.empty());
  absl::StatusOr<Command> one = Parse({"check", "linux-6.1"});
  ASSERT_TRUE(one.ok()) << one.status();
  EXPECT_EQ(one->args, std::vector<std::string>{"linux-6.1"});
}

TEST(Cli, ReplayRevision) {
  absl::StatusOr<Command> command =
      Parse({"replay", "t.trace", "--revision=final"});
  ASSERT_TRUE(command.ok());
  EXPECT_EQ(command->revision, "final");
  EXPECT_EQ(command->args, std::vector<std::string>{"t.trace"});
}

TEST(Cli, RefusesWithOneLine) {
  EXPECT_EQ(Error({}), "no subcommand");
  EXPECT_EQ(Error({"frobnicate"}), "unknown subcommand 'frobnicate'");
  EXPECT_EQ(Error({"check", "--colour=yes"}), "unknown flag '--colour'");
  EXPECT_EQ(Error({"check", "--format=xml"}),
            "unknown format 'xml' (text, markdown, json)");
  EXPECT_EQ(Error({"review"}), "usage: dbgref review REV");
  EXPECT_EQ(Error({"review", "v2", "v3"}), "usage: dbgref review REV");
  EXPECT_EQ(Error({"check", "v2", "final"}), "usage: dbgref check [REV]");
  EXPECT_EQ(Error({"check", "--seed"}), "flag '--seed' needs a value");
  EXPECT_EQ(Error({"check", "--sequences=-4"}).substr(0, 30),
            "bad value '-4' for --sequences");
}

}  // namespace
}  // namespace dbgref::tools
