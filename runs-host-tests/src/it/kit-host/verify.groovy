// Every JUnit line built, ran the contract kit with nothing failed or skipped, and documented the
// host with links into opsruns' Javadoc.
def lines = ['5.10.3', '6.1.3']
def floors = ['InMemoryLedgerContractTest': 200,
              'ReportRunsTest': 2, 'JupiterVersionTest': 1]
lines.each { line ->
    def dir = new File(basedir, "target/junit-${line}")
    def reports = new File(dir, 'surefire-reports')
    assert reports.isDirectory() : "no test reports for JUnit ${line}"
    def perClass = [:].withDefault { 0 }
    reports.eachFileMatch(~/TEST-.*\.xml/) { f ->
        // one file per test class, its @Nested groups' cases included
        def cases = new groovy.xml.XmlSlurper().parse(f).testcase
        def bad = cases.findAll { it.failure.size() + it.error.size() + it.skipped.size() > 0 }
        assert bad.size() == 0 : "JUnit ${line}: ${bad.size()} test(s) of ${f.name} failed or were skipped"
        perClass[f.name - 'TEST-org.example.host.' - '.xml'] += cases.size()
    }
    floors.each { name, floor ->
        assert perClass[name] >= floor : "JUnit ${line}: ${name} ran ${perClass[name]} tests, expected at least ${floor}"
    }
    def page = new File(dir, 'reports/apidocs/org/example/host/ReportRuns.html')
    assert page.isFile() : "no Javadoc for JUnit ${line}"
    assert page.text.contains('https://javadoc.io/doc/dev.opsruns/runs-core/') : 'host Javadoc does not link to opsruns'
    println "kit-host on JUnit ${line}: ${perClass}"
}
return true
