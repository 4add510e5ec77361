// The waymark program: hands the command line to the cli layer.
#include "cli/cli.h"

int main(int argc, char** argv) { return waymark::cli::Run(argc, argv); }
