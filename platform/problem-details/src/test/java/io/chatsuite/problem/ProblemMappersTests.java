package io.chatsuite.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemMappersTests {

    public record Registration(@NotBlank @Size(min = 3) String username, int age) {
    }

    @Path("/probe")
    public static class ProbeResource {

        @POST
        @Path("/register")
        public String register(@Valid Registration registration) {
            return "ok";
        }

        @GET
        @Path("/page")
        public String page(@QueryParam("limit") @Max(200) int limit) {
            return "ok";
        }

        @GET
        @Path("/throttled")
        public String throttled() {
            throw ProblemException.tooManyRequests("too many failed logins", Duration.ofMillis(61_500));
        }

        @GET
        @Path("/taken")
        public String taken() {
            throw ProblemException.conflict("username", "is taken");
        }
    }

    @Test
    void aRefusedBodyFieldIsNamed() {
        given().contentType(ContentType.JSON).body("{\"username\":\"ab\",\"age\":3}")
                .when().post("/probe/register")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400))
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("username"))
                .body("instance", equalTo("/probe/register"));
    }

    @Test
    void aRefusedQueryParameterIsNamed() {
        given().queryParam("limit", 500).when().get("/probe/page")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void aMistypedJsonFieldIsNamed() {
        given().contentType(ContentType.JSON).body("{\"username\":\"abc\",\"age\":\"old\"}")
                .when().post("/probe/register")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("age"));
    }

    @Test
    void brokenJsonIsABadRequest() {
        given().contentType(ContentType.JSON).body("{\"username\":")
                .when().post("/probe/register")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("detail", startsWith("the body is not valid JSON"));
    }

    @Test
    void throttlingSaysWhenToComeBack() {
        given().when().get("/probe/throttled")
                .then().statusCode(429).contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", "62");
    }

    @Test
    void conflictsAndUnknownPathsAreProblemsToo() {
        given().when().get("/probe/taken").then().statusCode(409).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("username"));
        given().when().get("/probe/nowhere").then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("title", equalTo("Not Found"));
    }
}
