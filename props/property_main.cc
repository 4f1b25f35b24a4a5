// main() of the property tests: prepares the shard (props/shard.h), then
// runs GoogleTest.
#include <gtest/gtest.h>

#include "props/shard.h"

int main(int argc, char** argv) {
  dbgref::props::PrepareShard();
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
