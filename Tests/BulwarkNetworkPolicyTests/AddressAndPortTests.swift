import Testing
@testable import BulwarkNetworkPolicy

@Suite struct AddressAndPortTests {
    @Test func ipv4AndIPv6ParseAndPrint() {
        #expect(IPAddress("10.1.2.3")?.description == "10.1.2.3")
        #expect(IPAddress("010.1.2.3") == nil)
        #expect(IPAddress("256.1.2.3") == nil)
        #expect(IPAddress("fd00:ec2::254")?.description == "fd00:ec2::254")
        #expect(IPAddress("2001:db8:0:0:1:0:0:1")?.description == "2001:db8::1:0:0:1")
        #expect(IPAddress("::ffff:10.0.0.1")?.description == "::ffff:a00:1")
        #expect(IPAddress("1::2::3") == nil)
        #expect(IPRange.whole(.v6).description == "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
    }

    @Test func cidrsAndExcept() {
        #expect(IPRange(cidr: "10.0.0.0/8")?.description == "10.0.0.0-10.255.255.255")
        #expect(IPRange(cidr: "10.1.2.3/16")?.description == "10.1.0.0-10.1.255.255")
        #expect(IPRange(cidr: "fd00:ec2::/64")?.description == "fd00:ec2::-fd00:ec2::ffff:ffff:ffff:ffff")
        #expect(IPRange(cidr: "10.0.0.0/33") == nil)
        let world = IPRange.whole(.v4).subtracting([IPRange(cidr: "10.0.0.0/8")!, IPRange(cidr: "169.254.169.254/32")!])
        #expect(world.map(\.description) == ["0.0.0.0-9.255.255.255", "11.0.0.0-169.254.169.253", "169.254.169.255-255.255.255.255"])
        #expect(IPRange.merged(world + [IPRange(cidr: "169.254.169.254/32")!]).map(\.description) == ["0.0.0.0-9.255.255.255", "11.0.0.0-255.255.255.255"])
    }

    @Test func portSetsAndConnectionSets() {
        let a = PortSet(ranges: [80...80, 8000...8080, 81...81])
        #expect(a.strings == ["80-81", "8000-8080"])
        #expect(a.intersection(PortSet(8080...9000)).strings == ["8080"])
        #expect(PortSet.full.strings == ["1-65535"])
        let tcp = ConnectionSet(.tcp, PortSet(80...80))
        #expect(tcp.intersection(.all) == tcp)
        #expect(tcp.union(.all).isAll)
        #expect(!tcp.allows(.udp, port: 80))
        #expect(ConnectionSet.dns.description == "TCP 53; UDP 53")
    }
}
