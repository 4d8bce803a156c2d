package dev.opsruns.example;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of every opsruns module on this app's class path (which holds them all): the engine in
 * {@code dev.opsruns.core.internal} is used by runs-core alone, and runs-core depends on the JDK alone.
 * Checked on the compiled classes, so an import that slips in fails the build.
 */
class LibraryLayoutTest {

    private static JavaClasses opsruns;

    @BeforeAll
    static void importClasses() {
        opsruns = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.opsruns");
    }

    @Test
    void no_class_outside_runs_core_uses_the_engine_internals() {
        noClasses().that().resideOutsideOfPackage("dev.opsruns.core..")
                .should().dependOnClassesThat().resideInAPackage("dev.opsruns.core.internal..")
                .because("stores and hosts use the API and the SPI; the engine may change in any release")
                .check(opsruns);
    }

    @Test
    void runs_core_depends_on_the_jdk_alone() {
        classes().that().resideInAPackage("dev.opsruns.core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.opsruns.core..", "java..")
                .check(opsruns);
    }

    @Test
    void the_spi_does_not_depend_on_the_engine() {
        noClasses().that().resideInAPackage("dev.opsruns.core.spi..")
                .should().dependOnClassesThat().resideInAPackage("dev.opsruns.core.internal..")
                .check(opsruns);
    }
}
