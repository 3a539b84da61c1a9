package it.dev.healthcheck.system.support;

import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.util.Locale;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * A service's OpenAPI UI (Liberty's Swagger UI at {@code /openapi/ui/}) as a person uses it: Authorize,
 * open an operation, Try it out, Execute, read the answer. Operations are found by method and path,
 * never by Swagger UI's element ids, which change with the document's tags and operation ids.
 */
public final class OpenApiUi {

    private static final By MODAL = By.cssSelector(".modal-ux");

    private final Browser browser;

    private OpenApiUi(Browser browser) {
        this.browser = browser;
    }

    /** Opens the UI of the service on {@code port} and waits until it lists its operations. */
    public static OpenApiUi open(Browser browser, int port) {
        browser.driver().get("http://localhost:" + port + "/openapi/ui/");
        browser.await().until(visibilityOfElementLocated(By.cssSelector(".opblock")));
        return new OpenApiUi(browser);
    }

    /** Authorize, basic authentication: logs in, photographs the dialog, and closes it. */
    public void authorize(String user, String password, String screenshot) {
        var wait = browser.await();
        wait.until(elementToBeClickable(By.cssSelector(".auth-wrapper .btn.authorize"))).click();
        wait.until(visibilityOfElementLocated(By.id("auth-basic-username"))).sendKeys(user);
        browser.driver().findElement(By.id("auth-basic-password")).sendKeys(password);
        browser.driver().findElement(By.cssSelector(".modal-ux .modal-btn.auth.authorize")).click();
        // Once logged in, the dialog shows the user and offers Logout instead of Authorize.
        wait.until(textToBePresentInElementLocated(MODAL, "Logout"));
        wait.until(textToBePresentInElementLocated(MODAL, user));
        browser.screenshot(screenshot);
        browser.driver().findElement(By.cssSelector(".modal-ux .btn-done")).click();
        wait.until(invisibilityOfElementLocated(MODAL));
    }

    /** The operation {@code method path} (a path as the document writes it, e.g. {@code /myPages/{reservationId}}), opened. */
    public Operation operation(String method, String path) {
        var operation = new Operation(String.format(".opblock.opblock-%s:has(.opblock-summary-path[data-path='%s'])",
                method.toLowerCase(Locale.ROOT), path));
        operation.open();
        return operation;
    }

    /** One operation's block: its parameters, request body, Execute and the server's answer. */
    public final class Operation {

        private final String block;

        private Operation(String block) {
            this.block = block;
        }

        private void open() {
            var summary = browser.await().until(elementToBeClickable(inside(".opblock-summary-control")));
            browser.show(summary);
            summary.click();
            browser.await().until(visibilityOfElementLocated(inside(".opblock-body")));
        }

        /** Try it out: makes the parameters and the body editable. */
        public Operation tryItOut() {
            browser.await().until(elementToBeClickable(inside(".try-out__btn"))).click();
            browser.await().until(visibilityOfElementLocated(inside(".btn.execute")));
            return this;
        }

        /** Replaces whatever the request body holds (an example, perhaps) with {@code json}. */
        public Operation body(String json) {
            var text = browser.await().until(visibilityOfElementLocated(inside("textarea.body-param__text")));
            text.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            text.sendKeys(json);
            browser.await().until(driver -> json.equals(text.getDomProperty("value")));
            return this;
        }

        /** Fills in the path or query parameter {@code name}. */
        public Operation parameter(String name, Object value) {
            var input = browser.await().until(visibilityOfElementLocated(
                    inside("tr[data-param-name='" + name + "'] input")));
            input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            input.sendKeys(String.valueOf(value));
            return this;
        }

        /** Photographs the operation as filled in. */
        public Operation screenshot(String name) {
            browser.show(browser.driver().findElement(inside(".btn.execute")));
            browser.screenshot(name);
            return this;
        }

        /**
         * Execute: sends the request and waits for the server's answer in the UI's response section.
         * An answer already shown is cleared first, so the one read is this request's.
         */
        public Answer execute() {
            var wait = browser.await();
            var previous = browser.driver().findElements(inside(".btn-clear"));
            if (!previous.isEmpty()) {
                previous.get(0).click();
                wait.until(invisibilityOfElementLocated(inside(".live-responses-table")));
            }
            wait.until(elementToBeClickable(inside(".btn.execute"))).click();
            WebElement status = wait.until(visibilityOfElementLocated(inside(".live-responses-table .response .response-col_status")));
            WebElement description = browser.driver().findElement(inside(".live-responses-table .response .response-col_description"));
            // The response body's code block (the headers' comes after it), without its Download button.
            var body = description.findElements(By.cssSelector(".highlight-code .microlight"));
            browser.show(status);
            // The code, then perhaps "Undocumented" when the document does not list that answer.
            return new Answer(Integer.parseInt(status.getText().strip().split("\\s+")[0]),
                    body.isEmpty() ? "" : body.get(0).getText());
        }

        private By inside(String css) {
            return By.cssSelector(block + " " + css);
        }
    }

    /** What the UI shows as the server's answer: the status code and the response body's text. */
    public record Answer(int status, String body) {
    }
}
