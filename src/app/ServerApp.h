#pragma once
/// `kansli serve`: the HTTP service as a Poco ServerApplication (stops cleanly on SIGINT/SIGTERM).

#include "app/Settings.h"

#include <Poco/Util/ServerApplication.h>

namespace kansli::app {

class ServerApp : public Poco::Util::ServerApplication {
protected:
    void defineOptions(Poco::Util::OptionSet& options) override;
    void handleOption(const std::string& name, const std::string& value) override;
    int main(const std::vector<std::string>& args) override;

private:
    std::string _configFile;
    int _port = 0;
    bool _helpRequested = false;
};

} // namespace kansli::app
