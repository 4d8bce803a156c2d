// Each Boot line ran the store on the versions Boot manages (recorded by StoreSmokeTest at run
// time), with nothing failed or skipped.
def expected = [
    '4.0.7': [flyway: '11.14.1', jackson: '2.21.4', h2: '2.4.240', junit: '6.0.3'],
    '3.5.7': [flyway: '11.7.2', jackson: '2.19.2', h2: '2.3.232', junit: '5.12.2'],
]
// The write-side suite exercises every statement shape and the context JSON; runs-jdbi runs all
// three suites on the build's own versions, so the other two stay out of this (slow) host run.
def floors = ['H2RegistryContractTest': 100, 'StoreSmokeTest': 2]
expected.each { boot, versions ->
    def dir = new File(basedir, "target/boot-${boot}")
    def ran = new Properties()
    new File(dir, 'runtime-versions.properties').withInputStream { ran.load(it) }
    versions.each { lib, version ->
        assert ran.getProperty(lib) == version : "Boot ${boot}: ${lib} ran at ${ran.getProperty(lib)}, Boot manages ${version}"
    }
    def perClass = [:].withDefault { 0 }
    new File(dir, 'surefire-reports').eachFileMatch(~/TEST-.*\.xml/) { f ->
        def cases = new groovy.xml.XmlSlurper().parse(f).testcase
        def bad = cases.findAll { it.failure.size() + it.error.size() + it.skipped.size() > 0 }
        assert bad.size() == 0 : "Boot ${boot}: ${bad.size()} test(s) of ${f.name} failed or were skipped"
        perClass[f.name - 'TEST-org.example.boot.' - '.xml'] += cases.size()
    }
    floors.each { name, floor ->
        assert perClass[name] >= floor : "Boot ${boot}: ${name} ran ${perClass[name]} tests, expected at least ${floor}"
    }
    println "boot-host on Spring Boot ${boot} (${ran}): ${perClass}"
}
return true
