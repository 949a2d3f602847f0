//! Errors as the API and the pages answer them: a status, a message, and the field at fault.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maslihat_apportion::AllocError;
use serde::Serialize;

/// A request the server will not or cannot answer with a result.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    /// The request field at fault (`seats`, `parties[2].votes`, `table`), when one is.
    pub field: Option<String>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
}

impl ApiError {
    /// 400: the input is malformed or contradicts itself.
    pub fn bad(field: impl Into<Option<String>>, message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::BAD_REQUEST, message: message.into(), field: field.into() }
    }

    /// 413: the request is over one of the server's limits.
    pub fn too_large(field: impl Into<Option<String>>, message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::PAYLOAD_TOO_LARGE, message: message.into(), field: field.into() }
    }

    /// 404: no such page, election or mäslihat.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::NOT_FOUND, message: message.into(), field: None }
    }

    /// 422: the result is undetermined (a tie the policy `error` leaves open).
    pub fn undetermined(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::UNPROCESSABLE_ENTITY, message: message.into(), field: None }
    }

    /// 503: the request took longer than the server's time budget.
    pub fn too_slow(seconds: u64) -> ApiError {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: format!("the request took longer than the time budget of {seconds} s: ask for less"),
            field: None,
        }
    }

    /// 500: the server failed (a worker stopped).
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::INTERNAL_SERVER_ERROR, message: message.into(), field: None }
    }

    /// An allocation's failure, its lists named: an open tie is 422, the rest 400.
    pub fn allocation(err: AllocError, names: &[String]) -> ApiError {
        let name = |i: usize| names.get(i).cloned().unwrap_or_else(|| format!("list {}", i + 1));
        match err {
            AllocError::UnresolvedTie(tie) => ApiError::undetermined(format!(
                "{} (tie policy: error; choose tie_break registration, votes or lot:SEED to settle it)",
                tie.describe_unresolved(name)
            )),
            AllocError::NoListPasses { threshold, largest, share, base } => ApiError::bad(
                None,
                format!(
                    "no lawful allocation: no list reached the threshold of {threshold}; the largest, {}, has \
                     {share} % of the {base}",
                    name(largest - 1)
                ),
            ),
            other => ApiError::bad(None, other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody { error: &self.message, field: self.field.as_deref() };
        (self.status, Json(body)).into_response()
    }
}
