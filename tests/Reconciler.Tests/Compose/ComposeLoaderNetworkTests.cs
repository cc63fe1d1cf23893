using GitOps.Reconciler.Common;
using GitOps.Reconciler.Compose;
using static GitOps.Reconciler.Tests.Compose.ComposeAssert;

namespace GitOps.Reconciler.Tests.Compose;

public class ComposeLoaderNetworkTests
{
    [Fact]
    public void Load_PortsShortForm_Parsed()
    {
        var web = Service("""
            services:
              web:
                image: x
                ports:
                  - "8080"
                  - "127.0.0.1:8081:80"
                  - 5353:53/udp
                  - "9000-9001:9000-9001"
            """);
        Assert.Equal(
            ValueList.Of(
                new PortBinding("", 5353, 53, "udp"),
                new PortBinding("127.0.0.1", 8081, 80, "tcp"),
                new PortBinding("", null, 8080, "tcp"),
                new PortBinding("", 9000, 9000, "tcp"),
                new PortBinding("", 9001, 9001, "tcp")),
            web.Ports);
    }

    [Fact]
    public void Load_PortsLongForm_Parsed()
    {
        var web = Service("""
            services:
              web:
                image: x
                ports:
                  - target: 80
                    published: "8080"
                    host_ip: 127.0.0.1
                    protocol: udp
                    mode: host
                  - target: 443
            """);
        Assert.Equal(ValueList.Of(new PortBinding("127.0.0.1", 8080, 80, "udp"), new PortBinding("", null, 443, "tcp")), web.Ports);
    }

    [Fact]
    public void Load_Expose_NormalisedWithProtocol()
    {
        var web = Service("services:\n  web:\n    image: x\n    expose: [\"3000\", 4000/udp, \"5000-5001\"]\n");
        Assert.Equal(ValueList.Of("3000/tcp", "4000/udp", "5000/tcp", "5001/tcp"), web.Expose);
    }

    [Fact]
    public void Load_NetworksMapWithAliases_AttachedAndEngineNamed()
    {
        var stack = Loads("""
            services:
              web:
                image: x
                networks:
                  front:
                    aliases: [www, api]
                    ipv4_address: 172.20.0.5
                  back:
            networks:
              front:
                driver: bridge
                internal: true
                labels: [team=ml]
                driver_opts:
                  com.docker.network.bridge.name: br-front
                ipam:
                  config:
                    - subnet: 172.20.0.0/16
              back:
                name: shared-back
              unused: {}
            """);
        var web = stack.Services["web"];
        Assert.Equal(new NetworkAttachment(ValueList.Of("api", "www"), "172.20.0.5"), web.Networks["front"]);
        Assert.Equal(NetworkAttachment.Plain, web.Networks["back"]);
        Assert.Equal(["back", "front"], stack.Networks.Keys);
        Assert.Equal("app_front", stack.Networks["front"].EngineName);
        Assert.True(stack.Networks["front"].Internal);
        Assert.Equal("ml", stack.Networks["front"].Labels["team"]);
        Assert.Equal("br-front", stack.Networks["front"].DriverOptions["com.docker.network.bridge.name"]);
        Assert.Equal("shared-back", stack.Networks["back"].EngineName);
    }

    [Fact]
    public void Load_NetworksList_PlainAttachments()
    {
        var stack = Loads("services:\n  web:\n    image: x\n    networks: [front, default]\nnetworks:\n  front:\n");
        Assert.Equal(["default", "front"], stack.Services["web"].Networks.Keys);
        Assert.Equal(NetworkSpec.Default("app"), stack.Networks["default"]);
    }

    [Fact]
    public void Load_ExternalNetwork_EngineNameIsName()
    {
        var stack = Loads("services:\n  web:\n    image: x\n    networks: [proxy]\nnetworks:\n  proxy:\n    external: true\n    name: traefik\n");
        Assert.True(stack.Networks["proxy"].External);
        Assert.Equal("traefik", stack.Networks["proxy"].EngineName);
    }

    [Fact]
    public void Load_NetworkMode_NoNetworksAndNoDefault()
    {
        var stack = Loads("services:\n  web:\n    image: x\n    network_mode: host\n");
        Assert.Equal("host", stack.Services["web"].NetworkMode);
        Assert.Empty(stack.Services["web"].Networks);
        Assert.Empty(stack.Networks);
    }

    [Fact]
    public void Load_ExtraHostsListAndMap_Normalised()
    {
        var fromList = Service("services:\n  web:\n    image: x\n    extra_hosts: [\"db=10.0.0.2\", \"cache:10.0.0.3\"]\n");
        var fromMap = Service("services:\n  web:\n    image: x\n    extra_hosts:\n      db: 10.0.0.2\n      cache: 10.0.0.3\n");
        Assert.Equal(ValueList.Of("cache:10.0.0.3", "db:10.0.0.2"), fromList.ExtraHosts);
        Assert.Equal(fromList.ExtraHosts, fromMap.ExtraHosts);
    }

    [Fact]
    public void Load_Links_Ordered()
    {
        var stack = Loads("services:\n  web:\n    image: x\n    links: [redis:cache, db]\n  redis:\n    image: r\n  db:\n    image: d\n");
        Assert.Equal(ValueList.Of("db", "redis:cache"), stack.Services["web"].Links);
    }

    [Fact]
    public void Load_ProjectNameOverride_EngineNamesUseIt()
    {
        var stack = Loads("name: ocr-prod\nservices:\n  web:\n    image: x\n    volumes: [data:/data]\nvolumes:\n  data:\n");
        Assert.Equal("ocr-prod", stack.Name);
        Assert.Equal("ocr-prod_default", stack.Networks["default"].EngineName);
        Assert.Equal("ocr-prod_data", stack.Volumes["data"].EngineName);
    }

    [Fact]
    public void Load_StackDirectoryName_NormalisedLikeCompose()
    {
        using var repo = new TempRepo();
        repo.Write("stacks/OCR.Api/compose.yaml", "services:\n  web:\n    image: x\n");
        var source = new ComposeSource(repo.Repo, "stacks/OCR.Api", "stacks/OCR.Api/compose.yaml", "OCR.Api", new Dictionary<string, string>(), []);
        Assert.Equal("ocrapi", ComposeLoader.Load(source, new())!.Name);
    }
}
