package net.diskless.api.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LookupResultTest {

    @Test
    void foundCarriesTheValue() {
        LookupResult<String> r = LookupResult.found("sun1");
        assertEquals(new LookupResult.Found<>("sun1"), r);
        assertEquals(Optional.of("sun1"), r.asOptional());
    }

    @Test
    void notFoundAndUnavailableHaveNoValue() {
        assertEquals(Optional.empty(), LookupResult.<String>notFound().asOptional());
        LookupResult<String> u = LookupResult.unavailable("server down");
        assertEquals(Optional.empty(), u.asOptional());
        assertEquals("server down", ((LookupResult.Unavailable<String>) u).reason());
    }

    @Test
    void ofOptionalIsFoundOrNotFound() {
        assertEquals(LookupResult.found("x"), LookupResult.ofOptional(Optional.of("x")));
        assertInstanceOf(LookupResult.NotFound.class, LookupResult.ofOptional(Optional.empty()));
    }

    @Test
    void nullValueOrReasonIsRefused() {
        assertThrows(NullPointerException.class, () -> LookupResult.found(null));
        assertThrows(NullPointerException.class, () -> LookupResult.unavailable(null));
    }

    @Test
    void notFoundResultsAreEqual() {
        assertEquals(LookupResult.notFound(), LookupResult.notFound());
    }
}
