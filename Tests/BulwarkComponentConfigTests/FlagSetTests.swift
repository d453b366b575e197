import Testing
import BulwarkModel
@testable import BulwarkComponentConfig

func tokens(_ words: [String]) -> [CommandLineToken] {
    words.enumerated().map { CommandLineToken($1, location: "argv[\($0)]") }
}

@Suite struct FlagSetTests {
    @Test func equalsAndSpaceFormsAndLastWins() {
        let f = FlagSet.parse(tokens(["--secure-port=6443", "--etcd-servers", "https://127.0.0.1:2379", "--secure-port=8443"]))
        #expect(f.value("secure-port") == "8443")
        #expect(f.value("etcd-servers") == "https://127.0.0.1:2379")
        #expect(f.last("secure-port")?.location == "argv[3]")
        #expect(f.positional.isEmpty)
    }

    @Test func bareBooleanDoesNotConsumeNextArgument() {
        // pflag reads `--anonymous-auth false` as anonymous-auth=true plus a stray "false".
        let f = FlagSet.parse(tokens(["--anonymous-auth", "false", "--profiling"]), booleanFlags: ["anonymous-auth", "profiling"])
        #expect(f.bool("anonymous-auth") == true)
        #expect(f.positional.map(\.text) == ["false"])
        #expect(f.bool("profiling") == true)
        #expect(f.last("profiling")?.value == nil)
    }

    @Test func unknownFlagFollowedByFlagIsBare() {
        let f = FlagSet.parse(tokens(["--v", "--x=1", "--audit-log-path", "-"]))
        #expect(f.value("v") == "true")
        #expect(f.value("x") == "1")
        #expect(f.value("audit-log-path") == "-")
    }

    @Test func singleDashAndDoubleDashTerminator() {
        let f = FlagSet.parse(tokens(["-client-cert-auth=true", "--", "--not-a-flag"]), booleanFlags: ["client-cert-auth"])
        #expect(f.bool("client-cert-auth") == true)
        #expect(!f.isSet("not-a-flag"))
        #expect(f.positional.map(\.text) == ["--not-a-flag"])
    }

    @Test func goBoolSpellings() {
        for (text, expected) in [("1", true), ("T", true), ("TRUE", true), ("0", false), ("F", false), ("False", false)] {
            #expect(FlagSet.parseBool(text) == expected)
        }
        #expect(FlagSet.parseBool("yes") == nil)
        #expect(FlagSet.parse(tokens(["--anonymous-auth=yes"])).bool("anonymous-auth") == nil)
    }

    @Test func listsCombineEveryOccurrence() {
        let f = FlagSet.parse(tokens(["--enable-admission-plugins=NodeRestriction, PodSecurity", "--enable-admission-plugins=EventRateLimit,"]))
        #expect(f.list("enable-admission-plugins") == ["NodeRestriction", "PodSecurity", "EventRateLimit"])
    }

    @Test func mapsMergeLaterKeysWin() {
        let f = FlagSet.parse(tokens(["--feature-gates=A=true,B=false", "--feature-gates", "B=true,C=false"]))
        let m = f.map("feature-gates")
        #expect(m.map(\.key) == ["A", "B", "C"])
        #expect(m.map(\.value) == ["true", "true", "false"])
        #expect(m[1].flag.location == "argv[1]")  // the flag token, not its value
        let rc = FlagSet.parse(tokens(["--runtime-config=api/all,batch/v2alpha1=false"])).map("runtime-config")
        #expect(rc.first?.key == "api/all" && rc.first?.boolValue == true)
        #expect(rc.last?.boolValue == false)
    }

    @Test func shellWordsSplitQuotedScripts() {
        #expect(ShellWords.split("exec kube-apiserver --a='x y' \"--b=c d\" --e=\\$f \\\n --g") == ["exec", "kube-apiserver", "--a=x y", "--b=c d", "--e=$f", "--g"])
    }

    @Test func versionsFromImagesAndText() {
        #expect(KubeVersion.fromImage("registry.k8s.io/kube-apiserver:v1.30.2") == KubeVersion(1, 30))
        #expect(KubeVersion.fromImage("index.docker.io/rancher/hardened-kubernetes:v1.29.4-rke2r1-build20240416") == KubeVersion(1, 29))
        #expect(KubeVersion.fromImage("registry.k8s.io/etcd:3.5.15-0") == nil)
        #expect(KubeVersion.fromImage("localhost:5000/kube-apiserver") == nil)
        #expect(KubeVersion(parsing: "v1.31.0+k3s1") == KubeVersion(1, 31))
    }
}
