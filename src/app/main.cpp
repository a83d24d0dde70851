#include "app/Cli.h"

int main(int argc, char** argv)
{
    return kansli::app::runCli(argc, argv);
}
